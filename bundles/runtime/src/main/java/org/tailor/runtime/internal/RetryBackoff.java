package org.tailor.runtime.internal;

/**
 * How long to wait before each retry: the initial delay, doubled for every retry after the first,
 * never more than the cap.
 */
record RetryBackoff(long initialMillis, long maxMillis) {

    RetryBackoff {
        if (initialMillis < 0 || maxMillis < 0) {
            throw new IllegalArgumentException("retry backoff delays cannot be negative");
        }
    }

    /**
     * The delay before retry number {@code retry}, counted from 1.
     *
     * @throws IllegalArgumentException if retry is less than 1
     */
    long delayMillis(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are counted from 1");
        }
        long delay = initialMillis;
        for (int i = 1; i < retry && delay < maxMillis; i++) {
            delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
        }
        return Math.min(delay, maxMillis);
    }
}
