package org.tailor.segments.internal;

import java.util.Arrays;

/**
 * A yes or no per code of a {@link ValueDictionary}, decided on first use and kept, so that rows
 * cost an array read. Every thread decides the same for a code, so the unsynchronized cache can at
 * worst lose a write and decide again.
 */
abstract class CodeAnswers {

    private static final byte UNKNOWN = 0;
    private static final byte NO = 1;
    private static final byte YES = 2;

    private final boolean whenMissing;
    private volatile byte[] answers = new byte[0];

    CodeAnswers(boolean whenMissing) {
        this.whenMissing = whenMissing;
    }

    /** The answer for a value; code {@link ValueDictionary#MISSING} gives the answer for a missing value. */
    final boolean test(int code) {
        if (code == ValueDictionary.MISSING) {
            return whenMissing;
        }
        byte[] known = answers;
        if (code < known.length && known[code] != UNKNOWN) {
            return known[code] == YES;
        }
        boolean answer = decide(code);
        if (code >= known.length) {
            known = Arrays.copyOf(known, Math.max(known.length * 2, code + 16));
            answers = known;
        }
        known[code] = answer ? YES : NO;
        return answer;
    }

    /** The answer for the value with this code. */
    abstract boolean decide(int code);
}
