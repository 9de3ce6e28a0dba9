package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Properties of evaluation and of the JSON format, checked over many seeded random cases (see
 * {@link RandomRules}). A failure names its seed; {@code -Dsegments.seed=<seed>} starts the run
 * there to reproduce it. Plain JUnit with a seeded generator rather than a property-testing
 * library: see the module README.
 */
class RuleProperties {

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

    /** Segments the generated references find: two of the three ids, with rules that refer to no segment. */
    static SegmentLookup lookup(RandomRules random) {
        Map<String, Rule> rules = new HashMap<>();
        rules.put("vip", withoutReferences(random, 2));
        rules.put("buyers", withoutReferences(random, 2));
        return id -> Optional.ofNullable(rules.get(id));
    }

    private static Rule withoutReferences(RandomRules random, int depth) {
        for (int i = 0; i < 100; i++) {
            Rule rule = random.rule(depth);
            if (SegmentGraph.references(rule).isEmpty()) {
                return rule;
            }
        }
        return new All(List.of());
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
    void anyIsNotAllOfNots() {
        forAllSeeds(random -> {
            Rule a = random.rule(2);
            Rule b = random.rule(2);
            Profile profile = random.profile(NOW);
            List<Event> events = random.events(profile.id(), NOW);
            SegmentLookup segments = lookup(random);
            Rule any = new Any(List.of(a, b));
            Rule deMorgan = new Not(new All(List.of(new Not(a), new Not(b))));
            EvaluationContext context = EvaluationContext.of(profile, events, NOW, segments);
            assertThat(RuleEvaluator.matches(any, context))
                    .as("%s%nfor %s%nwith %s", RuleTextPrinter.print(any), profile, events)
                    .isEqualTo(RuleEvaluator.matches(deMorgan, context));
        });
    }

    @Test
    void explainGivesTheResultOfEvaluation() {
        forAllSeeds(random -> {
            Rule rule = random.rule(4);
            Profile profile = random.profile(NOW);
            List<Event> events = random.events(profile.id(), NOW);
            EvaluationContext context = EvaluationContext.of(profile, events, NOW, lookup(random));
            Trace trace = RuleEvaluator.explain(rule, context);
            assertThat(trace.result())
                    .as("%s%nfor %s%nwith %s%n%s", RuleTextPrinter.print(rule), profile, events, String.join("\n", trace.lines()))
                    .isEqualTo(RuleEvaluator.matches(rule, context));
            assertConsistent(trace, rule, context);
        });
    }

    /** Every node of the trace gives its own rule's result, down to the leaves. */
    private static void assertConsistent(Trace trace, Rule rule, EvaluationContext context) {
        assertThat(trace.result()).as(trace.condition()).isEqualTo(RuleEvaluator.matches(rule, context));
        List<Rule> children = rule instanceof All all ? all.rules() : rule instanceof Any any ? any.rules()
                : rule instanceof Not not ? List.of(not.rule()) : List.of();
        if (!children.isEmpty()) {
            assertThat(trace.children()).hasSameSizeAs(children);
            for (int i = 0; i < children.size(); i++) {
                assertConsistent(trace.children().get(i), children.get(i), context);
            }
        }
    }

    @Test
    void evaluationNeverThrows() {
        forAllSeeds(random -> {
            Rule rule = random.rule(4);
            Profile profile = random.profile(NOW);
            List<Event> events = random.events(profile.id(), NOW);
            EvaluationContext context = EvaluationContext.of(profile, events, NOW, lookup(random));
            RuleEvaluator.matches(rule, context);
            RuleEvaluator.explain(rule, context).lines();
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
            SegmentLookup segments = lookup(random);
            List<Event> fetched = RuleEvaluator.windowOf(rule, segments).since(NOW)
                    .map(since -> all.stream().filter(e -> !e.occurredAt().isBefore(since)).collect(Collectors.toList()))
                    .orElse(List.of());
            assertThat(RuleEvaluator.matches(rule, EvaluationContext.of(profile, fetched, NOW, segments)))
                    .as("%s%nwith %s", RuleTextPrinter.print(rule), all)
                    .isEqualTo(RuleEvaluator.matches(rule, EvaluationContext.of(profile, all, NOW, segments)));
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
