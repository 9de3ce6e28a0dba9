package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tailor.runtime.internal.SmtpTestSupport.FakeClock;

/** Counts what the limiter lets through in windows of a fake clock; nothing here waits for real. */
class SendRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    /** At most the burst plus the refill: what a token bucket of {@code permits} per {@code period} allows in {@code span}. */
    static long bound(long permits, long period, long span) {
        return permits + Math.floorDiv(Math.multiplyExact(permits, span), period);
    }

    /** The most grants in any closed window [t, t + span] that starts at a grant. */
    static long busiestWindow(List<Long> grantTimes, long span) {
        long most = 0;
        int end = 0;
        for (int start = 0; start < grantTimes.size(); start++) {
            while (end < grantTimes.size() && grantTimes.get(end) <= grantTimes.get(start) + span) {
                end++;
            }
            most = Math.max(most, end - start);
        }
        return most;
    }

    @Test
    void randomDemandNeverGetsMoreThanEitherBucketAllowsInAnyWindow() {
        for (long seed = 1; seed <= 25; seed++) {
            Random random = new Random(seed);
            long perSecond = 1 + random.nextInt(40);
            long perMinute = random.nextBoolean() ? 0 : 1 + random.nextInt(900);
            FakeClock clock = new FakeClock();
            SendRateLimiter limiter = new SendRateLimiter(perSecond, perMinute, clock::ticks, clock);
            List<Long> grants = new ArrayList<>();
            for (int step = 0; step < 4_000; step++) {
                clock.advance(random.nextInt(4) == 0 ? 0 : (long) (random.nextDouble() * 0.3 * SECOND));
                int tries = random.nextInt(6);
                for (int t = 0; t < tries; t++) {
                    if (limiter.tryAcquire() == 0) {
                        grants.add(clock.ticks());
                    }
                }
            }
            assertThat(grants).as("seed %d", seed).isNotEmpty();
            for (long span : new long[] {0, SECOND / 4, SECOND, 10 * SECOND, MINUTE, 5 * MINUTE}) {
                long allowed = bound(perSecond, SECOND, span);
                if (perMinute > 0) {
                    allowed = Math.min(allowed, bound(perMinute, MINUTE, span));
                }
                assertThat(busiestWindow(grants, span)).as("seed %d, %d/s, %d/min, window %d ns", seed, perSecond,
                        perMinute, span).isLessThanOrEqualTo(allowed);
            }
        }
    }

    @Test
    void steadyDemandGetsTheConfiguredRateNotLess() throws Exception {
        FakeClock clock = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(10, 300, clock::ticks, clock);
        long start = clock.ticks();
        List<Long> grants = new ArrayList<>();
        while (clock.ticks() - start <= 10 * MINUTE && grants.size() < 10_000) {
            limiter.acquire();
            grants.add(clock.ticks() - start);
        }
        long inTenMinutes = grants.stream().filter(t -> t <= 10 * MINUTE).count();
        // The per-minute bucket is the tighter one: its burst of 300, then 300 a minute.
        assertThat(inTenMinutes).isBetween(3_000L, 3_300L);
        // Its burst is itself paced by the per-second bucket: 10 at once, then 10 a second.
        assertThat(grants.stream().filter(t -> t == 0).count()).isEqualTo(10);
        assertThat(busiestWindow(grants, SECOND)).isLessThanOrEqualTo(20);
    }

    @Test
    void racingThreadsAtOneInstantGetExactlyTheBurst() throws Exception {
        FakeClock frozen = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(7, 0, frozen::ticks, frozen);
        AtomicInteger granted = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(threads.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (limiter.tryAcquire() == 0) {
                            granted.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(7);
    }

    @Test
    void noLimitsNeverWait() throws Exception {
        FakeClock clock = new FakeClock();
        SendRateLimiter limiter = new SendRateLimiter(0, 0, clock::ticks, clock);
        for (int i = 0; i < 10_000; i++) {
            limiter.acquire();
        }
        assertThat(limiter.unlimited()).isTrue();
        assertThat(clock.sleepsMillis()).isEmpty();
    }
}
