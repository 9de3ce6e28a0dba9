package org.tailor.segments.internal;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An attribute value as a number for scoring: numbers as they are, times and dates as days since
 * 1970-01-01 (so later is higher), booleans as 1 and 0. Anything else, text included, is missing
 * (NaN), as are numbers that are not finite.
 */
final class NumericValue {

    private static final double SECONDS_PER_DAY = 86_400;

    private NumericValue() {
    }

    static double of(Object value) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof Instant i) {
            number = i.getEpochSecond() / SECONDS_PER_DAY;
        } else if (value instanceof LocalDate d) {
            number = d.toEpochDay();
        } else if (value instanceof Boolean b) {
            number = b ? 1 : 0;
        } else {
            return Double.NaN;
        }
        return Double.isFinite(number) ? number : Double.NaN;
    }
}
