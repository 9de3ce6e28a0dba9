package org.tailor.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** How times and durations read on the console: short, and in UTC so that logs and output agree. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** "12s ago", "3m ago", "2h ago", or the time itself when it is older than a day. */
    static String ago(Instant instant) {
        Duration age = Duration.between(instant, Instant.now());
        if (age.isNegative() || age.toDays() >= 1) {
            return time(instant);
        }
        return duration(age) + " ago";
    }

    static String duration(Duration duration) {
        long seconds = Math.max(0, duration.truncatedTo(ChronoUnit.SECONDS).getSeconds());
        if (seconds < 120) {
            return seconds + "s";
        }
        if (seconds < 7200) {
            return seconds / 60 + "m";
        }
        if (seconds < 172800) {
            return seconds / 3600 + "h";
        }
        return seconds / 86400 + "d";
    }

    /** A value shortened to fit a table cell. */
    static String cell(Object value, int width) {
        String text = String.valueOf(value).replace('\n', ' ');
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}
