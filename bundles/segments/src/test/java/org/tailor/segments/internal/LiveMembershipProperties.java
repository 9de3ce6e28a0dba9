package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;

/**
 * Live membership follows ingest and time exactly as {@link RuleEvaluator} decides at each
 * instant: random segments (referring to each other without cycles) over random profiles are
 * loaded, then time moves on in random steps while segments are redefined, events arrive, profiles
 * change, new ones appear and profiles merge; after each step's {@code onIngest} and {@code sweep}, the members equal the
 * reference, and the changes reported are exactly the difference. Half the seeds leave random
 * conditions to the interpreter. {@code -Dsegments.seed=<seed>} starts at a failing seed.
 */
class LiveMembershipProperties {

    private static final List<String> IDS = List.of("vip", "buyers", "2024-leads", "other");
    private static final List<Integer> STEP_HOURS = List.of(0, 1, 4, 23, 24, 25, 72, 24 * 29, 24 * 31);

    @Test
    void membershipFollowsIngestAndTimeAsTheEvaluatorDecides() {
        RuleProperties.forAllSeeds(random -> {
            MemoryStores stores = new MemoryStores();
            Instant now = RuleProperties.NOW;
            for (int i = 0; i < 10; i++) {
                addProfile(random, stores, now);
            }
            Map<String, Segment> segments = segments(random);
            Predicate<Rule> interpreted = random.either(true, false) ? rule -> false : rule -> Math.floorMod(rule.hashCode(), 5) == 0;
            try (LiveMembership live = new LiveMembership(stores.profiles, stores.events, 1, interpreted)) {
                live.load(segments.values(), now);
                Map<String, Set<String>> reported = expected(stores, segments, now);
                assertMembers(live, reported, segments);
                for (int step = 0; step < 6; step++) {
                    now = now.plus(Duration.ofHours(random.pick(STEP_HOURS))).plusMillis(random.pick(List.of(0, 1, 999)));
                    Set<String> changed = new LinkedHashSet<>();
                    List<Event> arrived = new ArrayList<>();
                    if (random.pick(List.of(true, false, false, false))) {
                        Segment redefined = redefined(random, segments);
                        segments.put(redefined.id(), redefined);
                        apply(reported, live.define(redefined, now));
                    }
                    change(random, stores, now, changed, arrived);
                    apply(reported, live.onIngest(changed, arrived, now));
                    apply(reported, live.sweep(now));
                    Map<String, Set<String>> expected = expected(stores, segments, now);
                    assertThat(reported).as("changes reported at %s, step %d", now, step).isEqualTo(expected);
                    assertMembers(live, expected, segments);
                }
            }
        });
    }

    private static void change(RandomRules random, MemoryStores stores, Instant now, Set<String> changed, List<Event> arrived) {
        List<String> ids = List.copyOf(stores.profiles.live.keySet());
        switch (random.pick(List.of("events", "events", "attributes", "new", "merge"))) {
            case "events":
                for (String id : List.of(random.pick(ids), random.pick(ids))) {
                    List<Event> events = random.events(id, now);
                    events.forEach(stores.events::append);
                    arrived.addAll(events);
                }
                break;
            case "attributes": {
                String id = random.pick(ids);
                Profile other = random.profile(now);
                stores.profiles.save(new Profile(id, other.identities(), other.attributes(), other.createdAt(), other.updatedAt()));
                changed.add(id);
                break;
            }
            case "new": {
                Profile profile = addProfile(random, stores, now);
                changed.add(profile.id());
                arrived.addAll(stores.events.eventsOf(profile.id(), EventWindow.ALL_TIME_START));
                break;
            }
            default: {
                String survivor = random.pick(ids);
                String absorbed = random.pick(ids);
                if (!survivor.equals(absorbed)) {
                    stores.merge(survivor, absorbed);
                    changed.add(survivor);
                    changed.add(absorbed);
                }
            }
        }
    }

    private static Profile addProfile(RandomRules random, MemoryStores stores, Instant now) {
        Profile profile = random.profile(now);
        stores.profiles.save(profile);
        random.events(profile.id(), now).forEach(stores.events::append);
        return profile;
    }

    /** The fixed ids with random rules; a rule that closes a cycle of references is drawn again without references. */
    private static Map<String, Segment> segments(RandomRules random) {
        Map<String, Rule> rules = new TreeMap<>();
        for (String id : IDS) {
            rules.put(id, random.rule(3));
        }
        while (true) {
            Map<String, Set<String>> references = new HashMap<>();
            rules.forEach((id, rule) -> references.put(id, SegmentGraph.references(rule)));
            Optional<List<String>> cycle = SegmentGraph.findCycle(references);
            if (cycle.isEmpty()) {
                break;
            }
            Rule rule = random.rule(3);
            rules.put(cycle.get().get(0), SegmentGraph.references(rule).isEmpty() ? rule : new Rule.All(List.of()));
        }
        Map<String, Segment> segments = new TreeMap<>();
        rules.forEach((id, rule) -> segments.put(id, new Segment(id, id, "", rule)));
        return segments;
    }

    /** One of the segments with a new random rule that refers to no segment, so that no cycle can appear. */
    private static Segment redefined(RandomRules random, Map<String, Segment> segments) {
        String id = random.pick(IDS);
        for (int i = 0; i < 100; i++) {
            Rule rule = random.rule(3);
            if (SegmentGraph.references(rule).isEmpty()) {
                return new Segment(id, id, "", rule);
            }
        }
        return new Segment(id, id, "", new Rule.All(List.of()));
    }

    private static Map<String, Set<String>> expected(MemoryStores stores, Map<String, Segment> segments, Instant now) {
        SegmentLookup lookup = id -> Optional.ofNullable(segments.get(id)).map(Segment::rule);
        Map<String, Set<String>> members = new TreeMap<>();
        for (Segment s : segments.values()) {
            Set<String> in = new TreeSet<>();
            for (Profile p : stores.profiles.live.values()) {
                List<Event> events = stores.events.eventsOf(p.id(), EventWindow.ALL_TIME_START);
                if (RuleEvaluator.matches(s.rule(), EvaluationContext.of(p, events, now, lookup))) {
                    in.add(p.id());
                }
            }
            members.put(s.id(), in);
        }
        return members;
    }

    private static void apply(Map<String, Set<String>> members, List<MembershipChange> changes) {
        for (MembershipChange c : changes) {
            Set<String> in = members.get(c.segmentId());
            assertThat(c.entered() ? in.add(c.profileId()) : in.remove(c.profileId()))
                    .as("%s changes nothing", c).isTrue();
        }
    }

    private static void assertMembers(LiveMembership live, Map<String, Set<String>> expected, Map<String, Segment> segments) {
        for (String id : segments.keySet()) {
            Set<String> actual = new TreeSet<>();
            live.forEachMember(id, actual::add);
            assertThat(actual).as("members of %s: %s", id, RuleTextPrinter.print(segments.get(id).rule())).isEqualTo(expected.get(id));
        }
    }
}
