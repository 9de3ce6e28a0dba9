package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * A summing event condition compiled. Amounts are added as whole millionths in a {@code long},
 * each converted once per distinct value; a profile with an amount finer than that, or a sum
 * beyond a {@code long}, is added again as BigDecimal. The result is exactly
 * {@link EventEvaluation}'s.
 */
final class EventSumCheck implements CompiledCondition {

    private static final int SCALE = 6;
    private static final long NOT_A_NUMBER = Long.MIN_VALUE;
    private static final long NOT_EXACT = Long.MIN_VALUE + 1;
    private static final long UNKNOWN = Long.MIN_VALUE + 2;

    private final EventMatcher matcher;
    private final CodeColumn amounts;
    private final BigDecimal atLeast;
    /** The least whole number of millionths that is at least {@code atLeast}, or {@link #NOT_EXACT}. */
    private final long atLeastScaled;
    private volatile long[] scaled = new long[0];

    EventSumCheck(Rule.EventCondition c, EventTable events) {
        Rule.Sum sum = (Rule.Sum) c.measure();
        matcher = new EventMatcher(events, c.event(), c.where(), c.window());
        amounts = events.property(sum.property());
        atLeast = sum.atLeast();
        atLeastScaled = toScaled(atLeast.setScale(SCALE, RoundingMode.CEILING));
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        EventTable events = evaluation.events;
        long start = matcher.start(evaluation.nowNanos);
        long total = 0;
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            if (matcher.matches(slot, start)) {
                int code = amounts.codes[slot];
                if (code == ValueDictionary.MISSING) {
                    continue;
                }
                long amount = scaled(code);
                if (amount == NOT_A_NUMBER) {
                    continue;
                }
                if (amount == NOT_EXACT) {
                    return exactSum(row, evaluation);
                }
                try {
                    total = Math.addExact(total, amount);
                } catch (ArithmeticException e) {
                    return exactSum(row, evaluation);
                }
            }
        }
        return atLeastScaled != NOT_EXACT ? total >= atLeastScaled : exactSum(row, evaluation);
    }

    private boolean exactSum(int row, Evaluation evaluation) {
        EventTable events = evaluation.events;
        long start = matcher.start(evaluation.nowNanos);
        BigDecimal total = BigDecimal.ZERO;
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            int code = amounts.codes[slot];
            if (code != ValueDictionary.MISSING && matcher.matches(slot, start) && amounts.values.number(code) != null) {
                total = total.add(amounts.values.number(code));
            }
        }
        return total.compareTo(atLeast) >= 0;
    }

    private long scaled(int code) {
        long[] known = scaled;
        if (code < known.length && known[code] != UNKNOWN) {
            return known[code];
        }
        BigDecimal number = amounts.values.number(code);
        long value;
        if (number == null) {
            value = NOT_A_NUMBER;
        } else {
            value = number.scale() > SCALE ? NOT_EXACT : toScaled(number.setScale(SCALE));
        }
        if (code >= known.length) {
            int old = known.length;
            known = Arrays.copyOf(known, Math.max(old * 2, code + 16));
            Arrays.fill(known, old, known.length, UNKNOWN);
            scaled = known;
        }
        known[code] = value;
        return value;
    }

    /** The unscaled value of a number at {@link #SCALE}, or {@link #NOT_EXACT} when it does not fit. */
    private static long toScaled(BigDecimal atScale) {
        if (atScale.unscaledValue().bitLength() > 62) {
            return NOT_EXACT;
        }
        return atScale.unscaledValue().longValue();
    }

    @Override
    public int cost() {
        return 12;
    }
}
