package org.tailor.segments.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.osgi.util.converter.Converters;
import org.tailor.api.model.Event;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ScoreStore;

/** In-memory stores and configuration for the scoring tests. */
final class ScoringFixtures {

    private ScoringFixtures() {
    }

    static StoreScoringServiceConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(StoreScoringServiceConfig.class);
    }

    /** Scores by name, then by profile id; records every replace. */
    static class InMemoryScoreStore implements ScoreStore {
        record Replace(String name, int size, Instant at) {
        }

        final Map<String, Map<String, Object>> byName = new TreeMap<>();
        final List<Replace> replaces = new CopyOnWriteArrayList<>();

        @Override
        public synchronized void replace(String name, Map<String, Object> valuesByProfile, Instant computedAt) {
            Map<String, Object> copy = new LinkedHashMap<>();
            valuesByProfile.forEach(copy::put);
            byName.put(name, copy);
            replaces.add(new Replace(name, valuesByProfile.size(), computedAt));
        }

        @Override
        public synchronized void putAll(Map<String, Map<String, Object>> scoresByProfile, Instant computedAt) {
            scoresByProfile.forEach((id, scores) -> scores.forEach((name, value) ->
                    byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(id, value)));
        }

        @Override
        public synchronized Map<String, Object> scoresOf(String profileId) {
            Map<String, Object> scores = new TreeMap<>();
            byName.forEach((name, values) -> {
                if (values.containsKey(profileId)) {
                    scores.put(name, values.get(profileId));
                }
            });
            return scores;
        }

        @Override
        public synchronized Map<String, Map<String, Object>> scoresOf(Collection<String> profileIds) {
            Map<String, Map<String, Object>> found = new TreeMap<>();
            for (String id : profileIds) {
                Map<String, Object> scores = scoresOf(id);
                if (!scores.isEmpty()) {
                    found.put(id, scores);
                }
            }
            return found;
        }

        @Override
        public synchronized long forEach(String name, BiConsumer<String, Object> visitor) {
            Map<String, Object> values = byName.getOrDefault(name, Map.of());
            values.forEach(visitor);
            return values.size();
        }

        /** One score's values; empty if it was never stored. */
        synchronized Map<String, Object> values(String name) {
            return Map.copyOf(byName.getOrDefault(name, Map.of()));
        }

        synchronized Object value(String name, String profileId) {
            return byName.getOrDefault(name, Map.of()).get(profileId);
        }
    }

    /** Events that can be streamed, in the order they were added (which tests may shuffle). */
    static final class StreamingEventStore implements EventStore {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<Instant> streamedSince = new CopyOnWriteArrayList<>();

        StreamingEventStore add(Event... added) {
            events.addAll(List.of(added));
            return this;
        }

        @Override
        public boolean append(Event event) {
            return events.add(event);
        }

        @Override
        public List<Event> eventsOf(String profileId, Instant since) {
            return events.stream().filter(e -> e.profileId().equals(profileId) && !e.occurredAt().isBefore(since)).toList();
        }

        @Override
        public long forEachSince(Instant since, Consumer<Event> visitor) {
            streamedSince.add(since);
            long visited = 0;
            for (Event event : events) {
                if (!event.occurredAt().isBefore(since)) {
                    visitor.accept(event);
                    visited++;
                }
            }
            return visited;
        }

        @Override
        public long count() {
            return events.size();
        }
    }
}
