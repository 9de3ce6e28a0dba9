package org.tailor.runtime.internal;

import java.time.Duration;

/** Delays as an admin writes them. */
final class Durations {

    private Durations() {
    }

    /** {@code at once}, {@code 4 h}, {@code 7 d}, {@code 1 h 30 min}. */
    static String describe(Duration delay) {
        if (delay.isZero()) {
            return "at once";
        }
        long days = delay.toDays();
        int hours = delay.toHoursPart();
        int minutes = delay.toMinutesPart();
        int seconds = delay.toSecondsPart();
        StringBuilder text = new StringBuilder();
        append(text, days, "d");
        append(text, hours, "h");
        append(text, minutes, "min");
        append(text, seconds, "s");
        return text.length() == 0 ? delay.toString() : text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(amount).append(' ').append(unit);
        }
    }
}
