package org.tailor.segments.internal;

import java.time.Instant;

/**
 * Instants as one {@code long} of nanoseconds since 1970, how the columns keep event times so that
 * window boundaries compare exactly, to the nanosecond, as {@link Instant} does. Instants before
 * 1677 or after 2262 do not fit and are held at those limits.
 */
final class EventTimes {

    static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final long NANOS_PER_HOUR = 3_600 * NANOS_PER_SECOND;
    static final long NANOS_PER_DAY = 24 * NANOS_PER_HOUR;
    private static final long MAX_SECOND = Long.MAX_VALUE / NANOS_PER_SECOND - 1;
    private static final long MIN_SECOND = Long.MIN_VALUE / NANOS_PER_SECOND + 1;

    private EventTimes() {
    }

    static long nanos(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds > MAX_SECOND) {
            return Long.MAX_VALUE;
        }
        if (seconds < MIN_SECOND) {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND + instant.getNano();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    /** {@code a + b} held at the limits instead of wrapping. */
    static long plus(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
