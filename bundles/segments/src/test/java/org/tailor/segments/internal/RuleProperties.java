package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.ScoreCondition;

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

    /**
     * Segments the generated references find: two of the three ids, with rules that refer to no
     * segment; and half the time a lifecycle, whose stages may refer to segments and to the
     * lifecycle itself.
     */
    static SegmentLookup lookup(RandomRules random) {
        Map<String, Rule> rules = new HashMap<>();
        rules.put("vip", withoutReferences(random, 2));
        rules.put("buyers", withoutReferences(random, 2));
        Lifecycle lifecycle = random.lifecycle(2);
        return new Fixtures.Lookup(rules, random.either(Optional.of(lifecycle), Optional.empty()));
    }

    /** A random profile's context: its events, scores and consent history, with {@link #lookup}. */
    static EvaluationContext context(RandomRules random) {
        Profile profile = random.profile(NOW);
        return EvaluationContext.of(profile, random.events(profile.id(), NOW), NOW, lookup(random), random.scores(),
                random.consents(profile.id(), NOW));
    }

    static String describe(Rule rule, EvaluationContext context) {
        return String.format("%s%nfor %s%nwith %s%nscores %s%nconsents %s%nlifecycle %s", RuleTextPrinter.print(rule), context.profile(),
                context.events(), context.scores(), context.consents(),
                context.segments().lifecycle().map(RuleTextPrinter::print).orElse("none"));
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
            EvaluationContext context = context(random);
            assertThat(RuleEvaluator.matches(new Not(new Not(rule)), context)).as(describe(rule, context))
                    .isEqualTo(RuleEvaluator.matches(rule, context));
        });
    }

    @Test
    void anyIsNotAllOfNots() {
        forAllSeeds(random -> {
            Rule a = random.rule(2);
            Rule b = random.rule(2);
            EvaluationContext context = context(random);
            Rule any = new Any(List.of(a, b));
            Rule deMorgan = new Not(new All(List.of(new Not(a), new Not(b))));
            assertThat(RuleEvaluator.matches(any, context)).as(describe(any, context))
                    .isEqualTo(RuleEvaluator.matches(deMorgan, context));
        });
    }

    @Test
    void explainGivesTheResultOfEvaluation() {
        forAllSeeds(random -> {
            Rule rule = random.rule(4);
            EvaluationContext context = context(random);
            Trace trace = RuleEvaluator.explain(rule, context);
            assertThat(trace.result()).as("%s%n%s", describe(rule, context), String.join("\n", trace.lines()))
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
            EvaluationContext context = context(random);
            RuleEvaluator.matches(rule, context);
            RuleEvaluator.explain(rule, context).lines();
        });
    }

    @Test
    void allIsNotAnyOfNots() {
        forAllSeeds(random -> {
            Rule a = random.rule(2);
            Rule b = random.rule(2);
            EvaluationContext context = context(random);
            Rule all = new All(List.of(a, b));
            Rule deMorgan = new Not(new Any(List.of(new Not(a), new Not(b))));
            assertThat(RuleEvaluator.matches(all, context)).as(describe(all, context))
                    .isEqualTo(RuleEvaluator.matches(deMorgan, context));
        });
    }

    @Test
    void neIsNotEqAndNotInIsNotIn() {
        forAllSeeds(random -> {
            EvaluationContext context = context(random);
            String attribute = random.pick(RandomRules.ATTRIBUTES);
            String score = random.pick(RandomRules.SCORES);
            Object value = random.literal(Operator.EQ);
            Object values = random.literal(Operator.IN);
            assertThat(RuleEvaluator.matches(new AttributeCondition(attribute, Operator.NE, value), context))
                    .isEqualTo(!RuleEvaluator.matches(new AttributeCondition(attribute, Operator.EQ, value), context));
            assertThat(RuleEvaluator.matches(new AttributeCondition(attribute, Operator.NOT_IN, values), context))
                    .isEqualTo(!RuleEvaluator.matches(new AttributeCondition(attribute, Operator.IN, values), context));
            assertThat(RuleEvaluator.matches(new ScoreCondition(score, Operator.NE, value), context))
                    .isEqualTo(!RuleEvaluator.matches(new ScoreCondition(score, Operator.EQ, value), context));
            assertThat(RuleEvaluator.matches(new ScoreCondition(score, Operator.NOT_IN, values), context))
                    .isEqualTo(!RuleEvaluator.matches(new ScoreCondition(score, Operator.IN, values), context));
        });
    }

    /** A cluster condition is the {@code cluster} score compared with {@code in}. */
    @Test
    void aClusterIsTheClusterScore() {
        forAllSeeds(random -> {
            EvaluationContext context = context(random);
            List<String> clusters = random.some(RandomRules.CLUSTERS);
            assertThat(RuleEvaluator.matches(new ClusterCondition(clusters), context))
                    .isEqualTo(RuleEvaluator.matches(new ScoreCondition(Rule.CLUSTER_SCORE, Operator.IN, clusters), context));
        });
    }

    /** Every purpose has exactly one current state, unknown included. */
    @Test
    void everyPurposeIsInExactlyOneConsentState() {
        forAllSeeds(random -> {
            EvaluationContext context = context(random);
            String purpose = random.pick(RandomRules.PURPOSES);
            long states = Arrays.stream(ConsentState.values())
                    .filter(state -> RuleEvaluator.matches(new ConsentCondition(purpose, List.of(state)), context)).count();
            assertThat(states).as("%s in %s", purpose, context.consents()).isEqualTo(1);
        });
    }

    /** Every profile is in exactly one stage: one of the lifecycle's, or none. */
    @Test
    void everyProfileIsInExactlyOneStage() {
        forAllSeeds(random -> {
            EvaluationContext context = context(random);
            List<String> stages = new ArrayList<>(context.segments().lifecycle().map(Lifecycle::names).orElse(List.of()));
            stages.add(Lifecycle.NONE);
            List<String> matched = stages.stream()
                    .filter(stage -> RuleEvaluator.matches(new LifecycleCondition(List.of(stage)), context)).toList();
            assertThat(matched).as(describe(new LifecycleCondition(stages), context)).hasSize(1);
            assertThat(RuleEvaluator.matches(new LifecycleCondition(stages), context)).isTrue();
        });
    }

    /** What the service relies on to fetch events once: the rule's widest window holds every event it can count. */
    @Test
    void theRulesWindowHoldsEveryEventItNeeds() {
        forAllSeeds(random -> {
            // A lone lifecycle condition as well, since its stages' events are easily outweighed in a bigger rule.
            for (Rule rule : List.of(random.rule(3), new LifecycleCondition(List.of(random.pick(RandomRules.STAGES))))) {
                EvaluationContext all = context(random);
                List<Event> fetched = RuleEvaluator.windowOf(rule, all.segments()).since(NOW)
                        .map(since -> all.events().stream().filter(e -> !e.occurredAt().isBefore(since)).collect(Collectors.toList()))
                        .orElse(List.of());
                EvaluationContext windowed = EvaluationContext.of(all.profile(), fetched, NOW, all.segments(), all.scores(), all.consents());
                assertThat(RuleEvaluator.matches(rule, windowed)).as(describe(rule, all))
                        .isEqualTo(RuleEvaluator.matches(rule, all));
            }
        });
    }

    /** What the service relies on to skip reading scores and consent: a rule that does not read them gives the same without. */
    @Test
    void aRuleReadsNoInputItDoesNotName() {
        forAllSeeds(random -> {
            Rule rule = random.rule(3);
            EvaluationContext all = context(random);
            Set<RuleEvaluator.Input> inputs = RuleEvaluator.inputsOf(rule, all.segments());
            EvaluationContext fetched = EvaluationContext.of(all.profile(), all.events(), NOW, all.segments(),
                    inputs.contains(RuleEvaluator.Input.SCORES) ? all.scores() : Map.of(),
                    inputs.contains(RuleEvaluator.Input.CONSENT) ? all.consents() : List.of());
            assertThat(RuleEvaluator.matches(rule, fetched)).as(describe(rule, all)).isEqualTo(RuleEvaluator.matches(rule, all));
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
