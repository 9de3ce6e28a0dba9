package org.tailor.segments.internal;

/**
 * A rule condition compiled against the columns of a {@link ProfileTable} and an
 * {@link EventTable}: it answers for a row what {@link RuleEvaluator#matches} answers for the
 * profile in it, reading codes and times rather than objects. Built by {@link RuleCompiler}.
 */
interface CompiledCondition {

    CompiledCondition TRUE = constant(true);
    CompiledCondition FALSE = constant(false);

    boolean test(int row, Evaluation evaluation);

    /** A rough relative cost, so that groups try cheap conditions first (evaluation has no side effects). */
    int cost();

    private static CompiledCondition constant(boolean answer) {
        return new CompiledCondition() {
            @Override
            public boolean test(int row, Evaluation evaluation) {
                return answer;
            }

            @Override
            public int cost() {
                return 0;
            }
        };
    }
}
