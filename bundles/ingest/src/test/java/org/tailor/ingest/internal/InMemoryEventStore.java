package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tailor.api.model.Event;
import org.tailor.api.store.EventStore;

final class InMemoryEventStore implements EventStore {

    private final Map<String, Event> events = new LinkedHashMap<>();

    @Override
    public synchronized boolean append(Event event) {
        return events.putIfAbsent(event.id(), event) == null;
    }

    @Override
    public synchronized List<Event> eventsOf(String profileId, Instant since) {
        return events.values().stream()
                .filter(e -> e.profileId().equals(profileId) && !e.occurredAt().isBefore(since))
                .toList();
    }

    @Override
    public synchronized long count() {
        return events.size();
    }

    synchronized List<Event> all() {
        return new ArrayList<>(events.values());
    }
}
