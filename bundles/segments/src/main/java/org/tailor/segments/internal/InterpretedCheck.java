package org.tailor.segments.internal;

/**
 * A condition the compiler does not know, left to {@link RuleEvaluator} on the profile and events
 * rebuilt from the columns: slow, but the reference answer.
 */
final class InterpretedCheck implements CompiledCondition {

    private final Rule rule;

    InterpretedCheck(Rule rule) {
        this.rule = rule;
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        return RuleEvaluator.matches(rule, evaluation.context(row));
    }

    @Override
    public int cost() {
        return 1_000;
    }
}
