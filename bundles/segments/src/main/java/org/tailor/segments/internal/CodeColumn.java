package org.tailor.segments.internal;

import java.util.Arrays;

/** One column of rows (profiles or events): a code per row into the column's own {@link ValueDictionary}. */
final class CodeColumn {

    final ValueDictionary values = new ValueDictionary();
    int[] codes;

    CodeColumn(int capacity) {
        codes = new int[capacity];
        Arrays.fill(codes, ValueDictionary.MISSING);
    }

    /** Makes room for {@code capacity} rows; new rows are missing. */
    void ensure(int capacity) {
        if (capacity > codes.length) {
            int old = codes.length;
            codes = Arrays.copyOf(codes, capacity);
            Arrays.fill(codes, old, capacity, ValueDictionary.MISSING);
        }
    }

    /** Sets the row's value and tells whether its code changed. */
    boolean set(int row, Object value) {
        int code = values.codeOf(value);
        boolean changed = codes[row] != code;
        codes[row] = code;
        return changed;
    }

    Object value(int row) {
        return values.value(codes[row]);
    }
}
