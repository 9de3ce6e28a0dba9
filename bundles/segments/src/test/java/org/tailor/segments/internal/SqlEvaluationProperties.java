package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.store.internal.PostgresTestStore;

/**
 * The SQL compiled from a rule and the in-memory {@link RuleEvaluator} give the same members:
 * random profiles and events ({@link RandomRules#storedProfile}, {@link RandomRules#storedEvents})
 * are written through the real store on PostgreSQL, a few profiles are merged away, and for each
 * of many random rules, at one of several instants, the ids SQL returns must be exactly the
 * live profiles that the evaluator, reading the same profiles back from the store, finds to
 * match. A failure names the seed ({@code -Dsegments.seed=<seed>} reproduces it) and the rule
 * shrunk as far as it still disagrees on the same profile.
 *
 * <p>Plain JUnit with a seeded generator rather than jqwik: jqwik 1.10 prints a notice addressed
 * to AI agents into the test output, and the module keeps to one style of property test (see
 * {@link RuleProperties}).
 */
class SqlEvaluationProperties {

    static final int PROFILES = 300;
    static final int RULES = 300;
    static final int MERGES = 6;
    /** Instants near the generated events: exact, off by less than a microsecond, a millisecond, half a day, a week. */
    static final List<Instant> NOWS = List.of(Fixtures.NOW, Fixtures.NOW.plusNanos(1_500), Fixtures.NOW.minusMillis(1),
            Fixtures.NOW.plus(Duration.ofHours(13)), Fixtures.NOW.plus(Duration.ofDays(7)).minusNanos(500));

    @Test
    void sqlAndTheEvaluatorFindTheSameMembers() {
        long seed = Long.getLong("segments.seed", 20_251_123L);
        RandomRules random = new RandomRules(seed, true);
        try (PostgresTestStore store = PostgresTestStore.open()) {
            List<Profile> profiles = new ArrayList<>();
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < PROFILES; i++) {
                Profile profile = random.storedProfile(Fixtures.NOW);
                profiles.add(profile);
                events.addAll(random.storedEvents(profile.id(), Fixtures.NOW));
            }
            store.profiles.saveAll(profiles);
            store.events.appendAll(events);
            for (int i = 0; i < MERGES; i++) {
                store.profiles.merge(profiles.get(2 * i).id(), profiles.get(2 * i + 1).id(), "test", Fixtures.NOW);
            }
            Population population = Population.read(store);
            SegmentLookup segments = segments(random, population);
            SqlMembership sql = new SqlMembership(store.dataSource(), segments);
            assertThat(population.profiles).hasSize(PROFILES - MERGES);

            int declined = 0;
            for (int i = 0; i < RULES; i++) {
                Rule rule = random.rule(3);
                Instant now = random.pick(NOWS);
                if (!sqlExpressible(rule, segments, new HashSet<>())) {
                    assertThat(sql.forEachMember(rule, now, id -> { })).as("declines: %s", RuleTextPrinter.print(rule)).isFalse();
                    declined++;
                    continue;
                }
                Set<String> expected = population.members(rule, segments, now);
                Set<String> actual = members(sql, rule, now);
                if (!actual.equals(expected)) {
                    throw new AssertionError(counterexample(seed, i, rule, now, expected, actual, population, sql, segments));
                }
                if (i % 4 == 0) {
                    assertThat(sql.count(rule, now)).as("count of rule %d, seed %d", i, seed).hasValue(expected.size());
                }
            }
            assertThat(declined).as("rules SQL must express are most of them").isLessThan(RULES / 2);
        }
    }

    /**
     * The segments the generated references find: {@code vip} and {@code buyers} (which refers to
     * {@code vip}) split the population, {@code 2024-leads} refers to itself, which loading
     * refuses but evaluation must still end on.
     */
    private static SegmentLookup segments(RandomRules random, Population population) {
        Map<String, Rule> rules = new HashMap<>();
        rules.put("vip", splitting(random, population));
        rules.put("buyers", new Any(List.of(splitting(random, population), new SegmentCondition("vip"))));
        rules.put("2024-leads", new Not(new SegmentCondition("2024-leads")));
        return id -> Optional.ofNullable(rules.get(id));
    }

    /** A rule without references that some profiles match and some do not. */
    private static Rule splitting(RandomRules random, Population population) {
        for (int i = 0; i < 100; i++) {
            Rule rule = random.rule(2);
            int members = population.members(rule, SegmentLookup.NONE, Fixtures.NOW).size();
            if (SegmentGraph.references(rule).isEmpty() && members > 0 && members < population.profiles.size()
                    && sqlExpressible(rule, SegmentLookup.NONE, new HashSet<>())) {
                return rule;
            }
        }
        throw new AssertionError("no rule of 100 splits the population: the generator has changed");
    }

    /**
     * Whether the rule, with the segments it refers to, uses only what the SQL compiler expresses:
     * scores, clusters, consent, lifecycle stages and days-ago windows are for the in-memory path.
     */
    static boolean sqlExpressible(Rule rule, SegmentLookup segments, Set<String> seen) {
        if (rule instanceof Rule.All all) {
            return all.rules().stream().allMatch(r -> sqlExpressible(r, segments, seen));
        }
        if (rule instanceof Rule.Any any) {
            return any.rules().stream().allMatch(r -> sqlExpressible(r, segments, seen));
        }
        if (rule instanceof Rule.Not not) {
            return sqlExpressible(not.rule(), segments, seen);
        }
        if (rule instanceof SegmentCondition c) {
            return !seen.add(c.segment()) || segments.rule(c.segment()).map(r -> sqlExpressible(r, segments, seen)).orElse(true);
        }
        if (rule instanceof Rule.ScoreCondition || rule instanceof Rule.ClusterCondition || rule instanceof Rule.ConsentCondition
                || rule instanceof Rule.LifecycleCondition) {
            return false;
        }
        Rule.Window window = rule instanceof Rule.EventCondition c ? c.window()
                : rule instanceof Rule.BoughtCondition c ? c.window()
                : rule instanceof Rule.SequenceCondition c ? c.window() : null;
        return !(window instanceof Rule.DaysAgo);
    }

    private static Set<String> members(SqlMembership sql, Rule rule, Instant now) {
        Set<String> ids = new TreeSet<>();
        assertThat(sql.forEachMember(rule, now, ids::add)).as("compiles: %s", RuleTextPrinter.print(rule)).isTrue();
        return ids;
    }

    /** The live profiles and their events as the store gives them to the evaluator. */
    private record Population(Map<String, Profile> profiles, Map<String, List<Event>> events) {

        static Population read(PostgresTestStore store) {
            Map<String, Profile> profiles = new HashMap<>();
            Map<String, List<Event>> events = new HashMap<>();
            store.profiles.forEach(p -> {
                profiles.put(p.id(), p);
                events.put(p.id(), store.events.eventsOf(p.id(), EventWindow.ALL_TIME_START));
            });
            return new Population(profiles, events);
        }

        boolean matches(String id, Rule rule, SegmentLookup segments, Instant now) {
            return RuleEvaluator.matches(rule, EvaluationContext.of(profiles.get(id), events.get(id), now, segments));
        }

        Set<String> members(Rule rule, SegmentLookup segments, Instant now) {
            Set<String> ids = new TreeSet<>();
            profiles.keySet().stream().filter(id -> matches(id, rule, segments, now)).forEach(ids::add);
            return ids;
        }
    }

    private static String counterexample(long seed, int index, Rule rule, Instant now, Set<String> expected, Set<String> actual,
                                         Population population, SqlMembership sql, SegmentLookup segments) {
        Set<String> differing = new TreeSet<>(expected);
        differing.addAll(actual);
        Set<String> both = new TreeSet<>(expected);
        both.retainAll(actual);
        differing.removeAll(both);
        String id = differing.iterator().next();
        Rule shrunk = shrink(rule, id, now, population, sql, segments);
        return "SQL and the evaluator disagree, seed " + seed + ", rule " + index + " at " + now
                + "\nrule: " + RuleTextPrinter.print(rule)
                + "\nshrunk: " + RuleTextPrinter.print(shrunk)
                + "\nprofile: " + population.profiles.get(id)
                + "\nevents: " + population.events.get(id)
                + "\nthe evaluator says " + (population.matches(id, shrunk, segments, now) ? "member" : "not a member") + ", SQL the opposite"
                + "\nall profiles that differ: " + differing;
    }

    /** The smallest rule reachable by single simplifications that still disagrees on the profile. */
    private static Rule shrink(Rule rule, String id, Instant now, Population population, SqlMembership sql, SegmentLookup segments) {
        Rule current = rule;
        boolean smaller = true;
        while (smaller) {
            smaller = false;
            for (Rule candidate : simpler(current, segments)) {
                if (disagrees(candidate, id, now, population, sql, segments)) {
                    current = candidate;
                    smaller = true;
                    break;
                }
            }
        }
        return current;
    }

    private static boolean disagrees(Rule rule, String id, Instant now, Population population, SqlMembership sql, SegmentLookup segments) {
        Set<String> ids = new TreeSet<>();
        return sql.forEachMember(rule, now, ids::add) && ids.contains(id) != population.matches(id, rule, segments, now);
    }

    /** Rules one step simpler than this one: a child instead of its group, one child, filter or value fewer, no window. */
    private static List<Rule> simpler(Rule rule, SegmentLookup segments) {
        List<Rule> simpler = new ArrayList<>();
        if (rule instanceof All all) {
            simpler.addAll(all.rules());
            for (int i = 0; i < all.rules().size(); i++) {
                simpler.add(new All(without(all.rules(), i)));
            }
        } else if (rule instanceof Any any) {
            simpler.addAll(any.rules());
            for (int i = 0; i < any.rules().size(); i++) {
                simpler.add(new Any(without(any.rules(), i)));
            }
        } else if (rule instanceof Not not) {
            simpler.add(not.rule());
            simpler(not.rule(), segments).forEach(r -> simpler.add(new Not(r)));
        } else if (rule instanceof SegmentCondition c) {
            segments.rule(c.segment()).ifPresent(simpler::add);
        } else if (rule instanceof AttributeCondition c && c.value() instanceof List<?> values && values.size() > 1) {
            for (int i = 0; i < values.size(); i++) {
                simpler.add(new AttributeCondition(c.attribute(), c.op(), without(values, i)));
            }
        } else if (rule instanceof EventCondition c) {
            for (int i = 0; i < c.where().size(); i++) {
                simpler.add(new EventCondition(c.event(), without(c.where(), i), c.measure(), c.window()));
            }
            if (!(c.window() instanceof AllTime)) {
                simpler.add(new EventCondition(c.event(), c.where(), c.measure(), new AllTime()));
            }
            if (!c.measure().equals(new Count(1, OptionalInt.empty()))) {
                simpler.add(new EventCondition(c.event(), c.where(), new Count(1, OptionalInt.empty()), c.window()));
            }
        } else if (rule instanceof SequenceCondition c) {
            for (int i = 0; i < c.first().where().size(); i++) {
                simpler.add(new SequenceCondition(spec(c.first(), i), c.window(), c.absent(), c.then(), c.withinHours()));
            }
            for (int i = 0; i < c.then().where().size(); i++) {
                simpler.add(new SequenceCondition(c.first(), c.window(), c.absent(), spec(c.then(), i), c.withinHours()));
            }
            if (!(c.window() instanceof AllTime)) {
                simpler.add(new SequenceCondition(c.first(), new AllTime(), c.absent(), c.then(), c.withinHours()));
            }
        }
        return simpler;
    }

    private static EventSpec spec(EventSpec spec, int dropped) {
        List<PropertyFilter> where = without(spec.where(), dropped);
        return new EventSpec(spec.event(), where);
    }

    private static <T> List<T> without(List<T> list, int index) {
        List<T> copy = new ArrayList<>(list);
        copy.remove(index);
        return copy;
    }
}
