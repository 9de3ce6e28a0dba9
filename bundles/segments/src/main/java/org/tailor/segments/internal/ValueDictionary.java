package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The distinct values of one column (a profile attribute, an identity namespace or an event
 * property), each with a small integer code, and each parsed once under {@link ValueComparison}'s
 * rules: as a number, as a date, or neither. Rows hold codes; conditions decide once per code.
 * Values are kept as given ({@code 2.50} and {@code 2.5} are two codes), so a profile or event
 * rebuilt from codes is the one that was read. Written by one thread.
 */
final class ValueDictionary {

    /** The code of a missing value. */
    static final int MISSING = -1;

    private final Map<Object, Integer> codes = new HashMap<>();
    private Object[] values = new Object[16];
    /** The value as a number, or null. */
    private BigDecimal[] numbers = new BigDecimal[16];
    /** The value as a LocalDate or an Instant, or null. */
    private Object[] dates = new Object[16];
    private int size;

    /** The value's code, adding it when new; a null value is {@link #MISSING}. */
    int codeOf(Object value) {
        if (value == null) {
            return MISSING;
        }
        Integer code = codes.get(value);
        if (code != null) {
            return code;
        }
        if (size == values.length) {
            int capacity = size * 2;
            values = Arrays.copyOf(values, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
            dates = Arrays.copyOf(dates, capacity);
        }
        values[size] = value;
        numbers[size] = ValueComparison.asNumber(value).orElse(null);
        dates[size] = ValueComparison.asDate(value).orElse(null);
        codes.put(value, size);
        return size++;
    }

    /** The code of a value already present, or {@link #MISSING}. */
    int find(Object value) {
        Integer code = value == null ? null : codes.get(value);
        return code == null ? MISSING : code;
    }

    Object value(int code) {
        return code == MISSING ? null : values[code];
    }

    /** The value as a number, or null when it is none. */
    BigDecimal number(int code) {
        return numbers[code];
    }

    /** The value as a date (a LocalDate or an Instant), or null when it is none. */
    Object date(int code) {
        return dates[code];
    }

    int size() {
        return size;
    }
}
