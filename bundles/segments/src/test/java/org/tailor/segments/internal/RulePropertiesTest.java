package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.Not;

/**
 * Properties checked over many seeded random cases (see {@link RandomRules}). A failure names
 * its seed; {@code -Dsegments.seed=<seed>} starts the run there to reproduce it. Plain JUnit
 * with a seeded generator rather than a property-testing library: see the module README.
 */
class RulePropertiesTest {

    static final int TRIES = 1000;
    static final Instant NOW = Fixtures.NOW;

    static void forAllSeeds(Consumer<RandomRules> property) {
        long first = Long.getLong("segments.seed", 20_251_123L);
        for (int i = 0; i < TRIES; i++) {
            long seed = first + i;
            try {
                property.accept(new RandomRules(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("falsified with seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    static boolean matches(Rule rule, Profile profile, List<Event> events) {
        return RuleEvaluator.matches(rule, profile, events, NOW);
    }

    @Test
    void printThenParseGivesTheSameRule() {
        forAllSeeds(random -> {
            Rule rule = random.rule(4);
            String printed = RulePrinter.print(rule);
            try {
                assertThat(RuleParser.parseRule("random.json", printed)).as(printed).isEqualTo(rule);
            } catch (SegmentFileException e) {
                throw new AssertionError(e.getMessage() + " in\n" + printed, e);
            }
        });
    }

    @Test
    void printThenParseGivesTheSameSegment() {
        forAllSeeds(random -> {
            Segment segment = new Segment(random.segmentId(), "n" + random.text(), random.text(), random.rule(3));
            String printed = RulePrinter.print(segment);
            try {
                assertThat(RuleParser.parse("random.json", printed).segment()).as(printed).isEqualTo(segment);
            } catch (SegmentFileException e) {
                throw new AssertionError(e.getMessage() + " in\n" + printed, e);
            }
        });
    }

    @Test
    void notNotIsTheRuleItself() {
        forAllSeeds(random -> {
            Rule rule = random.rule(3);
            Profile profile = random.profile(NOW);
            List<Event> events = random.events(profile.id(), NOW);
            assertThat(matches(new Not(new Not(rule)), profile, events))
                    .as("%s%nfor %s%nwith %s", RulePrinter.print(rule), profile, events)
                    .isEqualTo(matches(rule, profile, events));
        });
    }

    @Test
    void allIsNotAnyOfNots() {
        forAllSeeds(random -> {
            Rule a = random.rule(2);
            Rule b = random.rule(2);
            Profile profile = random.profile(NOW);
            List<Event> events = random.events(profile.id(), NOW);
            Rule all = new All(List.of(a, b));
            Rule deMorgan = new Not(new Any(List.of(new Not(a), new Not(b))));
            assertThat(matches(all, profile, events))
                    .as("%s%nfor %s%nwith %s", RulePrinter.print(all), profile, events)
                    .isEqualTo(matches(deMorgan, profile, events));
        });
    }

    @Test
    void neIsNotEqAndNotInIsNotIn() {
        forAllSeeds(random -> {
            Profile profile = random.profile(NOW);
            String attribute = random.pick(RandomRules.ATTRIBUTES);
            Object value = random.literal(Operator.EQ);
            Object values = random.literal(Operator.IN);
            assertThat(matches(new AttributeCondition(attribute, Operator.NE, value), profile, List.of()))
                    .isEqualTo(!matches(new AttributeCondition(attribute, Operator.EQ, value), profile, List.of()));
            assertThat(matches(new AttributeCondition(attribute, Operator.NOT_IN, values), profile, List.of()))
                    .isEqualTo(!matches(new AttributeCondition(attribute, Operator.IN, values), profile, List.of()));
        });
    }

    /** What the service relies on to fetch events once: the rule's widest window holds every event it can count. */
    @Test
    void theRulesWindowHoldsEveryEventItNeeds() {
        forAllSeeds(random -> {
            Rule rule = random.rule(3);
            Profile profile = random.profile(NOW);
            List<Event> all = random.events(profile.id(), NOW);
            List<Event> fetched = RuleEvaluator.windowOf(rule).since(NOW)
                    .map(since -> all.stream().filter(e -> !e.occurredAt().isBefore(since)).collect(Collectors.toList()))
                    .orElse(List.of());
            assertThat(matches(rule, profile, fetched))
                    .as("%s%nwith %s", RulePrinter.print(rule), all)
                    .isEqualTo(matches(rule, profile, all));
        });
    }

    @Test
    void comparisonIsAntisymmetric() {
        forAllSeeds(random -> {
            Object a = random.value(NOW);
            Object b = random.either(random.value(NOW), random.literal(Operator.EQ));
            assertThat(ValueComparison.compare(a, b)).as("%s vs %s", a, b).isEqualTo(-ValueComparison.compare(b, a));
        });
    }
}
