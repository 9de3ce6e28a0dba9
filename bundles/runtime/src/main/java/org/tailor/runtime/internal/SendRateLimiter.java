package org.tailor.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Lets a send go ahead only when every configured token bucket (per second, per minute) has a
 * token, taking one from each together; otherwise waits until they all have one. A limit of zero
 * or less means no limit for that period.
 *
 * <p>Thread safe: the buckets are read and taken under one lock; the waiting happens outside it.
 */
final class SendRateLimiter {

    private final List<TokenBucket> buckets;
    private final LongSupplier ticker;
    private final Sleeper sleeper;

    /**
     * @param ticker nanoseconds from an arbitrary origin that never go backwards, like {@link System#nanoTime}
     */
    SendRateLimiter(long perSecond, long perMinute, LongSupplier ticker, Sleeper sleeper) {
        this.ticker = ticker;
        this.sleeper = sleeper;
        long now = ticker.getAsLong();
        List<TokenBucket> configured = new ArrayList<>(2);
        if (perSecond > 0) {
            configured.add(new TokenBucket(perSecond, Duration.ofSeconds(1), now));
        }
        if (perMinute > 0) {
            configured.add(new TokenBucket(perMinute, Duration.ofMinutes(1), now));
        }
        this.buckets = List.copyOf(configured);
    }

    /** True if no limit is configured, so {@link #acquire} never waits. */
    boolean unlimited() {
        return buckets.isEmpty();
    }

    /**
     * Waits until a send is allowed and counts it.
     *
     * @throws InterruptedException if the thread is interrupted while waiting; then nothing was counted
     */
    void acquire() throws InterruptedException {
        if (unlimited()) {
            return;
        }
        while (true) {
            long wait = tryAcquire();
            if (wait == 0) {
                return;
            }
            sleeper.sleep(wait);
        }
    }

    /** Takes a token from every bucket and returns zero, or takes none and returns how long to wait. */
    synchronized long tryAcquire() {
        long now = ticker.getAsLong();
        long wait = 0;
        for (TokenBucket bucket : buckets) {
            wait = Math.max(wait, bucket.nanosUntilToken(now));
        }
        if (wait == 0) {
            buckets.forEach(TokenBucket::take);
        }
        return wait;
    }
}
