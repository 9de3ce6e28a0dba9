package org.tailor.segments.internal;

import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ScoreCondition;

/**
 * Score and cluster conditions: one of the profile's derived values against the rule's literal,
 * compared as attributes are. A profile without the score has a missing value, which satisfies
 * only {@code ne} and {@code notIn}; a cluster condition is {@code score cluster in [...]}, so
 * a profile without a cluster matches none.
 */
final class ScoreEvaluation {

    private ScoreEvaluation() {
    }

    static boolean test(ScoreCondition c, EvaluationContext context) {
        return c.op().test(c.value(), context.scores().get(c.score()));
    }

    static Trace explain(ScoreCondition c, EvaluationContext context) {
        Object actual = context.scores().get(c.score());
        return Trace.leaf(RuleTextPrinter.condition(c), c.score() + " is " + TextLiterals.value(actual), c.op().test(c.value(), actual));
    }

    static boolean test(ClusterCondition c, EvaluationContext context) {
        return Operator.IN.test(c.clusters(), context.scores().get(Rule.CLUSTER_SCORE));
    }

    static Trace explain(ClusterCondition c, EvaluationContext context) {
        Object actual = context.scores().get(Rule.CLUSTER_SCORE);
        return Trace.leaf(RuleTextPrinter.condition(c), "cluster is " + TextLiterals.value(actual), Operator.IN.test(c.clusters(), actual));
    }
}
