package org.tailor.runtime.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.tailor.api.model.Event;
import org.tailor.api.store.EventStore;

/** Events in memory; keeps the first of two with one id, as the store does. */
final class InMemoryEvents implements EventStore {

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized boolean append(Event event) {
        if (events.stream().anyMatch(e -> e.id().equals(event.id()))) {
            return false;
        }
        return events.add(event);
    }

    @Override
    public synchronized List<Event> eventsOf(String profileId, Instant since) {
        return events.stream().filter(e -> e.profileId().equals(profileId) && !e.occurredAt().isBefore(since))
                .sorted(Comparator.comparing(Event::occurredAt)).toList();
    }

    @Override
    public long forEachSince(Instant since, Consumer<Event> visitor) {
        List<Event> copy;
        synchronized (this) {
            copy = events.stream().filter(e -> !e.occurredAt().isBefore(since)).toList();
        }
        copy.forEach(visitor);
        return copy.size();
    }

    @Override
    public synchronized long count() {
        return events.size();
    }
}
