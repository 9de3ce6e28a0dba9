package org.tailor.runtime.internal;

import java.time.Duration;

/**
 * A token bucket that holds at most {@code permits} tokens and refills continuously at
 * {@code permits} per {@code period}. It starts full. So over any span of length T it grants at
 * most {@code permits + permits * T / period} tokens, and under steady demand it grants
 * {@code permits} per period.
 *
 * <p>Counts in exact integer units (one token is {@code period} nanoseconds' worth of units) so
 * that no rounding drift lets more through than the bound. Not thread safe: the caller locks.
 */
final class TokenBucket {

    private final long permits;
    private final long periodNanos;
    /** Capacity in units: {@code permits * periodNanos}. */
    private final long capacity;
    private long units;
    private long lastRefill;

    /**
     * @throws IllegalArgumentException if permits is not positive, the period is not positive, or
     *     permits times the period in nanoseconds does not fit a long
     */
    TokenBucket(long permits, Duration period, long now) {
        if (permits <= 0 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a token bucket needs a positive number of permits and a positive period");
        }
        this.permits = permits;
        this.periodNanos = period.toNanos();
        this.capacity = Math.multiplyExact(permits, periodNanos);
        this.units = capacity;
        this.lastRefill = now;
    }

    /** Nanoseconds until a token is available at {@code now}: zero if one is there already. */
    long nanosUntilToken(long now) {
        refill(now);
        long missing = periodNanos - units;
        return missing <= 0 ? 0 : (missing + permits - 1) / permits;
    }

    /** Takes a token; call only when {@link #nanosUntilToken} returned zero for the same instant. */
    void take() {
        if (units < periodNanos) {
            throw new IllegalStateException("no token to take");
        }
        units -= periodNanos;
    }

    private void refill(long now) {
        long elapsed = now - lastRefill;
        if (elapsed <= 0) {
            // A ticker read on another thread can be a little behind the last one seen here.
            return;
        }
        lastRefill = now;
        // A full period refills the bucket; capping first keeps the product from overflowing.
        units = elapsed >= periodNanos ? capacity : Math.min(capacity, units + elapsed * permits);
    }
}
