package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/**
 * The compiled evaluation over columns answers exactly what {@link RuleEvaluator} answers, over
 * seeded random rules of every kind, profiles and events (see {@link RandomRules}): eight profiles
 * per seed, some of their events in the loaded runs and some appended afterwards, and the same
 * again with random parts of the rule left to the interpreter. {@code -Dsegments.seed=<seed>}
 * starts the run at a failing seed.
 */
class CompiledRuleProperties {

    private static final int PROFILES = 8;
    private static final Instant NOW = RuleProperties.NOW;

    /** Profiles and events as the reference sees them, and the same in columns. */
    private record Data(List<Profile> profiles, List<List<Event>> events, ProfileTable table, EventTable columns) {
    }

    private static Data data(RandomRules random) {
        List<Profile> profiles = new ArrayList<>();
        List<List<Event>> events = new ArrayList<>();
        ProfileTable table = new ProfileTable();
        EventTable columns = new EventTable(4);
        List<Event> later = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            Profile profile = random.profile(NOW);
            List<Event> history = random.events(profile.id(), NOW);
            profiles.add(profile);
            events.add(history);
            int row = table.put(profile, new HashSet<>());
            columns.ensureRows(row + 1);
            for (Event e : history) {
                if (random.either(true, false)) {
                    columns.append(row, e);
                } else {
                    later.add(e);
                }
            }
        }
        columns.compact(table.size(), Long.MIN_VALUE);
        for (Event e : later) {
            columns.append(table.rowOf(e.profileId()), e);
        }
        return new Data(profiles, events, table, columns);
    }

    private static void assertSameAnswers(RandomRules random, Predicate<Rule> interpreted) {
        Data data = data(random);
        SegmentLookup segments = RuleProperties.lookup(random);
        Rule rule = random.rule(4);
        CompiledCondition compiled = new RuleCompiler(data.table(), data.columns(), null, segments, interpreted).compile(rule);
        Evaluation evaluation = new Evaluation(data.table(), data.columns(), NOW, segments, null);
        for (int i = 0; i < PROFILES; i++) {
            Profile profile = data.profiles().get(i);
            boolean expected = RuleEvaluator.matches(rule, EvaluationContext.of(profile, data.events().get(i), NOW, segments));
            assertThat(compiled.test(data.table().rowOf(profile.id()), evaluation))
                    .as("%s%nfor %s%nwith %s", RuleTextPrinter.print(rule), profile, data.events().get(i))
                    .isEqualTo(expected);
        }
    }

    @Test
    void compiledAnswersAsTheEvaluator() {
        RuleProperties.forAllSeeds(random -> assertSameAnswers(random, rule -> false));
    }

    @Test
    void conditionsLeftToTheInterpreterAnswerAsTheEvaluator() {
        RuleProperties.forAllSeeds(random -> assertSameAnswers(random, rule -> Math.floorMod(rule.hashCode(), 3) == 0));
    }

    @Test
    void profilesAndEventsReadBackAsStored() {
        RuleProperties.forAllSeeds(random -> {
            Data data = data(random);
            for (int i = 0; i < PROFILES; i++) {
                Profile profile = data.profiles().get(i);
                int row = data.table().rowOf(profile.id());
                assertThat(data.table().profile(row)).isEqualTo(profile);
                assertThat(data.columns().events(row, profile.id()))
                        .extracting(Event::type, Event::occurredAt, Event::properties)
                        .containsExactlyInAnyOrderElementsOf(data.events().get(i).stream()
                                .map(e -> org.assertj.core.groups.Tuple.tuple(e.type(), e.occurredAt(), e.properties())).toList());
            }
        });
    }
}
