package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(1_000, 30_000);
        assertThat(IntStream.rangeClosed(1, 8).mapToLong(backoff::delayMillis).toArray())
                .containsExactly(1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000);
    }

    @Test
    void neverOverflowsForManyRetries() {
        RetryBackoff backoff = new RetryBackoff(Long.MAX_VALUE / 3, Long.MAX_VALUE);
        assertThat(backoff.delayMillis(1_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aCapBelowTheInitialDelayWins() {
        assertThat(new RetryBackoff(5_000, 1_000).delayMillis(1)).isEqualTo(1_000);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryBackoff(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(1, 10).delayMillis(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
