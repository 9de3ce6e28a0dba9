package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void startsFullThenRefillsOneTokenPerPeriodOverPermits() {
        TokenBucket bucket = new TokenBucket(5, Duration.ofSeconds(1), 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.nanosUntilToken(0)).isZero();
            bucket.take();
        }
        assertThat(bucket.nanosUntilToken(0)).isEqualTo(SECOND / 5);
        assertThat(bucket.nanosUntilToken(SECOND / 5 - 1)).isEqualTo(1);
        assertThat(bucket.nanosUntilToken(SECOND / 5)).isZero();
    }

    @Test
    void neverHoldsMoreThanItsCapacityEvenAfterYearsIdle() {
        TokenBucket bucket = new TokenBucket(1_000_000, Duration.ofMinutes(1), 0);
        bucket.take();
        long years = 10L * 365 * 24 * 3600 * SECOND;
        int taken = 0;
        while (bucket.nanosUntilToken(years) == 0 && taken <= 1_000_001) {
            bucket.take();
            taken++;
        }
        assertThat(taken).isEqualTo(1_000_000);
    }

    @Test
    void aClockReadBehindTheLastOneAddsNothing() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofSeconds(1), 10 * SECOND);
        bucket.take();
        assertThat(bucket.nanosUntilToken(9 * SECOND)).isEqualTo(SECOND);
        assertThat(bucket.nanosUntilToken(10 * SECOND + SECOND / 2)).isEqualTo(SECOND / 2);
    }

    @Test
    void takingWithoutATokenIsABug() {
        TokenBucket bucket = new TokenBucket(1, Duration.ofSeconds(1), 0);
        bucket.take();
        assertThatThrownBy(bucket::take).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new TokenBucket(0, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(Long.MAX_VALUE, Duration.ofSeconds(1), 0))
                .isInstanceOf(ArithmeticException.class);
    }
}
