package org.tailor.content.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import org.apache.velocity.runtime.Renderable;

/**
 * How much text a value would become if written out or turned into a string, counted without
 * writing it and only up to a limit.
 *
 * <p>Velocity turns values into text in places the output cap never sees: string concatenation
 * ({@code "" + $x}), comparing values of different types, and the writing of a reference before
 * it reaches the {@link BoundedWriter}. A lazy range ({@code [1..2000000000]}) or a list holding
 * itself twice, {@code #set($l = [$l, $l])} a few dozen times over, is tiny in memory but
 * exhausts the heap when it becomes a string. Counting stops as soon as the limit is passed, so a
 * check costs at most about limit steps however large the value claims to be.
 */
final class WrittenSize {

    /** Lists and maps inside each other deeper than this are refused rather than measured. */
    static final int MAX_DEPTH = 32;

    private static final double DIGITS_PER_BIT = Math.log10(2);

    private final long limit;
    private long total;
    private boolean tooDeep;

    private WrittenSize(long limit) {
        this.limit = limit;
    }

    /**
     * Why the value is too large to be held or written under the limit, or null if it is not.
     * The reason reads after the value's name: "$x would be ...".
     */
    static String problem(Object value, long limit) {
        WrittenSize size = new WrittenSize(limit);
        size.add(value, 0);
        if (size.tooDeep) {
            return "would hold lists or maps nested more than " + MAX_DEPTH + " deep";
        }
        if (size.total > limit) {
            return "would be more than " + limit + " characters long when written (max.output.chars)";
        }
        return null;
    }

    /** Adds the value's length to the total; returns false once counting can stop. */
    private boolean add(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            tooDeep = true;
            return false;
        }
        if (value instanceof CharSequence text) {
            return count(text.length());
        }
        if (value instanceof Collection<?> collection) {
            if (!count(2 + 2L * collection.size())) {
                return false;
            }
            for (Object element : collection) {
                if (!add(element, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            if (!count(2 + 3L * map.size())) {
                return false;
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!add(entry.getKey(), depth + 1) || !add(entry.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Map.Entry<?, ?> entry) {
            return count(1) && add(entry.getKey(), depth + 1) && add(entry.getValue(), depth + 1);
        }
        if (value instanceof Object[] array) {
            if (!count(2 + 2L * array.length)) {
                return false;
            }
            for (Object element : array) {
                if (!add(element, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return count(scalarLength(value));
    }

    private boolean count(long characters) {
        total += characters;
        return total <= limit;
    }

    /** An upper bound of the written length of a value that holds no other values. */
    private static long scalarLength(Object value) {
        if (value == null || value instanceof Boolean || value instanceof RawVariables) {
            return 5;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return 20;
        }
        if (value instanceof BigInteger number) {
            return 2 + (long) (number.bitLength() * DIGITS_PER_BIT);
        }
        if (value instanceof BigDecimal number) {
            // Written in plain notation: as many digits as the precision, plus zeros for the scale.
            return 3 + (long) number.precision() + Math.abs((long) number.scale());
        }
        if (value instanceof Double || value instanceof Float) {
            // Plain notation too: 1E300 is written with 301 digits.
            return 25 + Math.abs((long) (Math.getExponent(((Number) value).doubleValue()) * DIGITS_PER_BIT));
        }
        if (value instanceof Renderable) {
            // A block macro's body: it renders into the writer, under the output cap, when written.
            return 0;
        }
        return String.valueOf(value).length();
    }
}
