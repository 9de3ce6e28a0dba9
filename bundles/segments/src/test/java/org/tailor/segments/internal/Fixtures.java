package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.osgi.util.converter.Converters;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.PropertyFilter;

/** Profiles, events, rules and in-memory stores for the tests. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    private Fixtures() {
    }

    /**
     * The configuration with the given properties; scheduled recomputes, sweeps and live membership
     * are off unless given, so that a test sees evaluation against the stores.
     */
    static RuleSegmentServiceConfig config(Map<String, Object> properties) {
        Map<String, Object> withDefaults = new java.util.HashMap<>(properties);
        withDefaults.putIfAbsent("recompute.minutes", 0);
        withDefaults.putIfAbsent("live.enabled", false);
        withDefaults.putIfAbsent("sweep.seconds", 0);
        return Converters.standardConverter().convert(withDefaults).to(RuleSegmentServiceConfig.class);
    }

    /** A profile with an email identity {@code <id>@example.com} and the given attributes. */
    static Profile profile(String id, Map<String, Object> attributes) {
        return new Profile(id, Set.of(new Identity(Identity.EMAIL, id + "@example.com"), new Identity(Identity.CUSTOMER_ID, "C-" + id)),
                attributes, CREATED, CREATED);
    }

    static Profile profile(String id) {
        return profile(id, Map.of());
    }

    private static int eventCounter;

    static synchronized Event event(String profileId, String type, Instant at, Map<String, Object> properties) {
        return new Event("e" + (++eventCounter), profileId, type, at, properties, "test");
    }

    static Event viewed(String profileId, String category, Instant at) {
        return event(profileId, "product_viewed", at, Map.of("category", category));
    }

    static Event order(String profileId, String category, Instant at) {
        return event(profileId, "order", at, Map.of("category", category, "total", new BigDecimal("49.90")));
    }

    static AttributeCondition attribute(String name, String op, Object value) {
        return new AttributeCondition(name, Operator.fromJson(op).orElseThrow(), literal(value));
    }

    static PropertyFilter filter(String property, String op, Object value) {
        return new PropertyFilter(property, Operator.fromJson(op).orElseThrow(), literal(value));
    }

    /** Test literals may be written as ints and doubles; rules hold BigDecimal. */
    static Object literal(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return new BigDecimal(d.toString());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Fixtures::literal).toList();
        }
        return value;
    }

    /** Segments' rules by id and a lifecycle, as the registry's view gives them to evaluation. */
    record Lookup(Map<String, Rule> rules, Optional<Lifecycle> lifecycle) implements SegmentLookup {
        @Override
        public Optional<Rule> rule(String segmentId) {
            return Optional.ofNullable(rules.get(segmentId));
        }
    }

    /** Profiles by id; forEach in id order, as the real store. */
    static final class InMemoryProfileStore implements ProfileStore {
        final Map<String, Profile> profiles = new TreeMap<>();

        InMemoryProfileStore add(Profile... added) {
            for (Profile p : added) {
                profiles.put(p.id(), p);
            }
            return this;
        }

        @Override
        public Optional<Profile> find(String profileId) {
            return Optional.ofNullable(profiles.get(profileId));
        }

        @Override
        public Optional<Profile> findByIdentity(Identity identity) {
            return profiles.values().stream().filter(p -> p.identities().contains(identity)).findFirst();
        }

        @Override
        public void save(Profile profile) {
            profiles.put(profile.id(), profile);
        }

        @Override
        public long count() {
            return profiles.size();
        }

        @Override
        public void forEach(Consumer<Profile> visitor) {
            List.copyOf(profiles.values()).forEach(visitor);
        }

        @Override
        public org.tailor.api.model.ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
            throw new UnsupportedOperationException("merges are not part of these tests");
        }

        @Override
        public org.tailor.api.model.ProfileMerge unmerge(String mergeId, Instant at) {
            throw new UnsupportedOperationException("merges are not part of these tests");
        }

        @Override
        public List<org.tailor.api.model.ProfileMerge> merges(String profileId) {
            return List.of();
        }

        @Override
        public Optional<org.tailor.api.model.ProfileMerge> findMerge(String mergeId) {
            return Optional.empty();
        }
    }

    /** Events, and a record of every eventsOf call so tests can check how often the store is asked. */
    static final class InMemoryEventStore implements EventStore {
        record Query(String profileId, Instant since) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<Query> queries = new CopyOnWriteArrayList<>();

        InMemoryEventStore add(Event... added) {
            events.addAll(List.of(added));
            return this;
        }

        @Override
        public boolean append(Event event) {
            if (events.stream().anyMatch(e -> e.id().equals(event.id()))) {
                return false;
            }
            return events.add(event);
        }

        @Override
        public List<Event> eventsOf(String profileId, Instant since) {
            queries.add(new Query(profileId, since));
            List<Event> found = new ArrayList<>();
            for (Event e : events) {
                if (e.profileId().equals(profileId) && !e.occurredAt().isBefore(since)) {
                    found.add(e);
                }
            }
            found.sort(Comparator.comparing(Event::occurredAt));
            return found;
        }

        @Override
        public long forEachSince(Instant since, Consumer<Event> visitor) {
            List<Event> found = events.stream().filter(e -> since == null || !e.occurredAt().isBefore(since)).toList();
            found.forEach(visitor);
            return found.size();
        }

        @Override
        public long count() {
            return events.size();
        }
    }

    /** Stored membership with the store's contract: only changes that alter membership are kept. */
    static final class InMemoryMembershipStore implements org.tailor.api.store.MembershipStore {
        private final Map<String, java.util.SortedSet<String>> members = new java.util.HashMap<>();
        private final List<org.tailor.api.segment.MembershipChange> history = new ArrayList<>();

        @Override
        public synchronized List<org.tailor.api.segment.MembershipChange> apply(List<org.tailor.api.segment.MembershipChange> changes) {
            List<org.tailor.api.segment.MembershipChange> applied = new ArrayList<>();
            for (var change : changes) {
                var set = members.computeIfAbsent(change.segmentId(), id -> new java.util.TreeSet<>());
                if (change.entered() ? set.add(change.profileId()) : set.remove(change.profileId())) {
                    applied.add(change);
                }
            }
            history.addAll(applied);
            return applied;
        }

        @Override
        public synchronized long forEachMember(String segmentId, java.util.function.Consumer<String> profileIds) {
            List<String> copy = List.copyOf(members.getOrDefault(segmentId, new java.util.TreeSet<>()));
            copy.forEach(profileIds);
            return copy.size();
        }

        @Override
        public synchronized long size(String segmentId) {
            return members.getOrDefault(segmentId, new java.util.TreeSet<>()).size();
        }

        @Override
        public synchronized Set<String> segmentsOf(String profileId) {
            return members.entrySet().stream().filter(e -> e.getValue().contains(profileId)).map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }

        @Override
        public synchronized List<org.tailor.api.segment.MembershipChange> changes(String segmentId, Instant since, int limit) {
            return history.stream().filter(c -> c.segmentId().equals(segmentId) && !c.at().isBefore(since)).limit(limit).toList();
        }

        @Override
        public synchronized List<org.tailor.api.segment.MembershipChange> changesOf(String profileId, int limit) {
            List<org.tailor.api.segment.MembershipChange> mine = new ArrayList<>(
                    history.stream().filter(c -> c.profileId().equals(profileId)).toList());
            java.util.Collections.reverse(mine);
            return mine.stream().limit(limit).toList();
        }
    }

    /** Consent histories as the consent service gives them; checks are not part of these tests. */
    static final class InMemoryConsentService implements org.tailor.api.consent.ConsentService {
        private final List<org.tailor.api.model.ConsentRecord> records = new CopyOnWriteArrayList<>();

        @Override
        public org.tailor.api.consent.ConsentDecision check(String profileId, String purpose) {
            throw new UnsupportedOperationException("not part of these tests");
        }

        @Override
        public void record(org.tailor.api.model.ConsentRecord record) {
            records.add(record);
        }

        @Override
        public List<org.tailor.api.model.ConsentRecord> history(String profileId) {
            return records.stream().filter(r -> r.profileId().equals(profileId)).toList();
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
