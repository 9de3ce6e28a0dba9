package org.tailor.segments.internal;

import java.math.BigDecimal;

/** A purchase condition compiled: the figure's code, with 0 for a missing amount, as {@link AttributeEvaluation#figure}. */
final class PurchaseCheck implements CompiledCondition {

    private final CodeColumn figure;
    private final ValueCheck test;
    private final boolean whenMissing;

    PurchaseCheck(Rule.PurchaseCondition c, ProfileTable profiles) {
        figure = profiles.attribute(c.field().attribute());
        test = new ValueCheck(c.op(), c.value(), figure.values);
        whenMissing = c.op().test(c.value(), c.field().zeroWhenMissing() ? BigDecimal.ZERO : null);
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        int code = figure.codes[row];
        return code == ValueDictionary.MISSING ? whenMissing : test.test(code);
    }

    @Override
    public int cost() {
        return 1;
    }
}
