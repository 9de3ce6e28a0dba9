package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.ingest.IngestListener;
import org.tailor.api.model.Event;
import org.tailor.api.store.EventStore;

/**
 * Tells {@link IngestListener}s what one ingest call changed, once it is stored. The events that
 * were new are known only to the store, so ingest writes events through {@link #recording}, which
 * notes them for the call running on this thread.
 */
final class IngestNotices {

    private static final Logger LOG = LoggerFactory.getLogger(IngestNotices.class);

    private final List<IngestListener> listeners = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Changes> current = new ThreadLocal<>();

    void add(IngestListener listener) {
        listeners.add(listener);
    }

    void remove(IngestListener listener) {
        listeners.remove(listener);
    }

    /**
     * Runs one ingest call and then tells the listeners about it.
     *
     * @param changes what the call's result says it changed, beyond the events
     */
    <T> T notifying(Supplier<T> call, java.util.function.BiConsumer<T, Set<String>> changes) {
        if (listeners.isEmpty() || current.get() != null) {
            return call.get();
        }
        Changes collected = new Changes();
        current.set(collected);
        T result;
        try {
            result = call.get();
        } finally {
            current.remove();
        }
        changes.accept(result, collected.profiles);
        if (!collected.profiles.isEmpty() || !collected.events.isEmpty()) {
            tell(Set.copyOf(collected.profiles), List.copyOf(collected.events));
        }
        return result;
    }

    /** The profile ids an outcome changed: its profile when the profile changed, and any it absorbed. */
    static void profilesOf(Outcome outcome, Set<String> into) {
        if (outcome.result().isAccepted() && (outcome.profileChanged() || !outcome.absorbed().isEmpty())) {
            outcome.result().profileId().ifPresent(into::add);
            into.addAll(outcome.absorbed());
        }
    }

    private void tell(Set<String> profiles, List<Event> events) {
        for (IngestListener listener : listeners) {
            try {
                listener.ingested(profiles, events);
            } catch (RuntimeException e) {
                // The data is stored; a listener's failure must not turn it into an ingest failure.
                LOG.error("Ingest listener {} failed on {} profiles and {} events", listener, profiles.size(),
                        events.size(), e);
            }
        }
    }

    /** The event store as ingest uses it: what it stores is noted for the call on this thread. */
    EventStore recording(EventStore store) {
        return new EventStore() {
            @Override
            public boolean append(Event event) {
                boolean stored = store.append(event);
                if (stored) {
                    noted(List.of(event));
                }
                return stored;
            }

            @Override
            public int appendAll(Collection<Event> events) {
                return appendNew(events).size();
            }

            @Override
            public List<Event> appendNew(Collection<Event> events) {
                List<Event> stored = store.appendNew(events);
                noted(stored);
                return stored;
            }

            @Override
            public List<Event> eventsOf(String profileId, Instant since) {
                return store.eventsOf(profileId, since);
            }

            @Override
            public long forEachSince(Instant since, Consumer<Event> visitor) {
                return store.forEachSince(since, visitor);
            }

            @Override
            public long count() {
                return store.count();
            }
        };
    }

    private void noted(List<Event> stored) {
        Changes changes = current.get();
        if (changes != null) {
            changes.events.addAll(stored);
        }
    }

    private static final class Changes {
        final Set<String> profiles = new LinkedHashSet<>();
        final List<Event> events = new ArrayList<>();
    }
}
