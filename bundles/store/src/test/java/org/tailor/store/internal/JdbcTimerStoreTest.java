package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcTimerStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);

    private JdbcStore db;
    private JdbcTimerStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcTimerStore(db);
    }

    @Test
    void scheduleIsIdempotentOnTheKeyAndNeverChangesWhatIsThere() {
        assertThat(store.schedule(timer("k1", "p1", "e1", T0, T0.plusSeconds(3600)))).isTrue();
        assertThat(store.schedule(timer("k1", "p1", "e1", T0, T0.plusSeconds(60)))).isFalse();
        assertThat(store.find("k1").orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(3600));

        TriggerTimer claimed = store.claimDue("node-a", T0.plusSeconds(3600), LEASE, 10).get(0);
        store.finish(claimed.key(), "node-a", TimerStatus.FIRED, "", T0.plusSeconds(3601));
        assertThat(store.schedule(timer("k1", "p1", "e1", T0, T0.plusSeconds(60))))
                .as("a fired timer is never scheduled again").isFalse();
        assertThat(store.find("k1").orElseThrow().status()).isEqualTo(TimerStatus.FIRED);
    }

    @Test
    void timersComeBackWhole() {
        Instant started = Instant.parse("2026-03-01T07:59:59.123456789Z");
        TriggerTimer timer = new TriggerTimer("k1", "cart-abandoned", "p1", "evt-1", started,
                started.plus(Duration.ofHours(4)), 3, TimerStatus.PENDING, 0, "", Optional.empty(), "from a test");
        store.schedule(timer);

        TriggerTimer read = store.find("k1").orElseThrow();
        assertThat(read).usingRecursiveComparison().isEqualTo(new TriggerTimer("k1", "cart-abandoned", "p1", "evt-1",
                database.stored(started), database.stored(started.plus(Duration.ofHours(4))), 3, TimerStatus.PENDING, 0,
                "", Optional.empty(), "from a test"));
        assertThat(store.find("nope")).isEmpty();
    }

    @Test
    void claimDueTakesOnlyDueUnclaimedTimersEarliestFirstUpToTheLimit() {
        store.schedule(timer("late", "p1", "e1", T0, T0.plusSeconds(30)));
        store.schedule(timer("early", "p2", "e2", T0, T0.plusSeconds(10)));
        store.schedule(timer("middle", "p3", "e3", T0, T0.plusSeconds(20)));
        store.schedule(timer("future", "p4", "e4", T0, T0.plusSeconds(300)));

        List<TriggerTimer> first = store.claimDue("node-a", T0.plusSeconds(30), LEASE, 2);
        assertThat(keys(first)).containsExactly("early", "middle");
        assertThat(first).allSatisfy(t -> {
            assertThat(t.claimedBy()).isEqualTo("node-a");
            assertThat(t.leaseUntil()).contains(database.stored(T0.plusSeconds(30).plus(LEASE)));
            assertThat(t.attempts()).isEqualTo(1);
        });
        assertThat(keys(store.claimDue("node-b", T0.plusSeconds(30), LEASE, 10))).containsExactly("late");
        assertThat(store.claimDue("node-b", T0.plusSeconds(30), LEASE, 10)).isEmpty();
        assertThat(store.claimDue("node-b", T0.plusSeconds(30), LEASE, 0)).isEmpty();
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndTheNodeThatLostItCannotFinishIt() {
        store.schedule(timer("k1", "p1", "e1", T0, T0));
        store.claimDue("node-a", T0, LEASE, 10);

        assertThat(store.claimDue("node-b", T0.plus(LEASE), LEASE, 10))
                .as("a lease that ends exactly now still holds").isEmpty();
        assertThat(store.claim("k1", "node-b", T0.plus(LEASE).minusSeconds(1), LEASE)).isEmpty();

        List<TriggerTimer> again = store.claimDue("node-b", T0.plus(LEASE).plusSeconds(1), LEASE, 10);
        assertThat(again).singleElement().satisfies(t -> {
            assertThat(t.claimedBy()).isEqualTo("node-b");
            assertThat(t.attempts()).isEqualTo(2);
        });
        assertThat(store.finish("k1", "node-a", TimerStatus.FIRED, "", T0.plus(LEASE))).isFalse();
        assertThat(store.release("k1", "node-a", T0, "", T0.plus(LEASE))).isFalse();
        assertThat(store.finish("k1", "node-b", TimerStatus.FIRED, "sent", T0.plus(LEASE))).isTrue();
        assertThat(store.find("k1").orElseThrow()).satisfies(t -> {
            assertThat(t.status()).isEqualTo(TimerStatus.FIRED);
            assertThat(t.claimedBy()).isEmpty();
            assertThat(t.leaseUntil()).isEmpty();
            assertThat(t.detail()).isEqualTo("sent");
        });
        assertThat(store.finish("k1", "node-b", TimerStatus.SKIPPED, "", T0.plus(LEASE))).as("only once").isFalse();
    }

    @Test
    void twoClaimersNeverGetTheSameTimer() throws Exception {
        int timers = 120;
        for (int i = 0; i < timers; i++) {
            store.schedule(timer("k" + i, "p" + i, "e" + i, T0, T0.plusMillis(i)));
        }
        int claimers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        Map<String, String> owner = new ConcurrentHashMap<>();
        List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < claimers; n++) {
                String node = "node-" + n;
                running.add(pool.submit(() -> {
                    start.await();
                    // Bounded: every round claims at least one timer until none are left.
                    for (int round = 0; round < timers; round++) {
                        List<TriggerTimer> claimed = store.claimDue(node, T0.plusSeconds(1), LEASE, 7);
                        if (claimed.isEmpty()) {
                            break;
                        }
                        for (TriggerTimer t : claimed) {
                            String previous = owner.putIfAbsent(t.key(), node);
                            if (previous != null) {
                                duplicates.add(t.key() + " by " + previous + " and " + node);
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : running) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(owner).hasSize(timers);
        for (Map.Entry<String, String> e : owner.entrySet()) {
            assertThat(store.find(e.getKey()).orElseThrow().claimedBy()).isEqualTo(e.getValue());
        }
    }

    @Test
    void releaseGivesTheTimerBackForLaterWithTheReason() {
        store.schedule(timer("k1", "p1", "e1", T0, T0));
        store.claimDue("node-a", T0, LEASE, 1);

        assertThat(store.release("k1", "node-a", T0.plusSeconds(600), "consent unavailable", T0)).isTrue();
        TriggerTimer released = store.find("k1").orElseThrow();
        assertThat(released.status()).isEqualTo(TimerStatus.PENDING);
        assertThat(released.claimedBy()).isEmpty();
        assertThat(released.leaseUntil()).isEmpty();
        assertThat(released.detail()).isEqualTo("consent unavailable");
        assertThat(store.claimDue("node-b", T0.plusSeconds(599), LEASE, 10)).isEmpty();
        assertThat(store.claimDue("node-b", T0.plusSeconds(600), LEASE, 10)).hasSize(1);
    }

    @Test
    void claimTakesOneFreeTimerEvenBeforeItIsDue() {
        store.schedule(timer("k1", "p1", "e1", T0, T0.plusSeconds(3600)));

        assertThat(store.claim("k1", "node-a", T0, LEASE)).hasValueSatisfying(t -> assertThat(t.claimedBy()).isEqualTo("node-a"));
        assertThat(store.claim("k1", "node-b", T0, LEASE)).isEmpty();
        assertThat(store.claim("nope", "node-b", T0, LEASE)).isEmpty();
    }

    @Test
    void cancelByCauseAndByStartTouchOnlyThatPersonsPendingTimersOfThatTrigger() {
        store.schedule(timer("a1", "p1", "e1", T0, T0.plusSeconds(100)));
        store.schedule(timer("a2", "p1", "e2", T0.plusSeconds(10), T0.plusSeconds(110)));
        store.schedule(timer("a3", "p1", "e3", T0.plusSeconds(20), T0.plusSeconds(120)));
        store.schedule(timer("b1", "p2", "e4", T0, T0.plusSeconds(100)));
        store.schedule(new TriggerTimer("c1", "other", "p1", "e5", T0, T0, 1, TimerStatus.PENDING, 0, "",
                Optional.empty(), ""));

        assertThat(store.cancelStartedUpTo("cart", "p1", T0.plusSeconds(10), "order at 08:00:10", T0.plusSeconds(11)))
                .as("inclusive of a cause at exactly that instant").isEqualTo(2);
        assertThat(store.cancelStartedUpTo("cart", "p1", T0.plusSeconds(10), "again", T0.plusSeconds(12))).isZero();
        assertThat(statuses("cart", "p1")).containsExactly(TimerStatus.CANCELLED, TimerStatus.CANCELLED, TimerStatus.PENDING);
        assertThat(store.find("a1").orElseThrow().detail()).isEqualTo("order at 08:00:10");

        assertThat(store.cancel("cart", "p1", "e3", "left the segment", T0)).isTrue();
        assertThat(store.cancel("cart", "p1", "e3", "left the segment", T0)).isFalse();
        assertThat(store.cancel("cart", "p1", "nope", "x", T0)).isFalse();
        assertThat(statuses("cart", "p2")).containsExactly(TimerStatus.PENDING);
        assertThat(statuses("other", "p1")).containsExactly(TimerStatus.PENDING);
    }

    @Test
    void aTimerBeingFiredCanStillBeCancelledAndThenItsNodeCannotFinishIt() {
        store.schedule(timer("k1", "p1", "e1", T0, T0));
        store.claimDue("node-a", T0, LEASE, 1);

        assertThat(store.cancelStartedUpTo("cart", "p1", T0, "order", T0)).isEqualTo(1);
        assertThat(store.finish("k1", "node-a", TimerStatus.FIRED, "", T0)).isFalse();
        assertThat(store.find("k1").orElseThrow().status()).isEqualTo(TimerStatus.CANCELLED);
    }

    @Test
    void rescheduleMovesOnlyPendingTimers() {
        store.schedule(timer("k1", "p1", "2026", T0, T0.plusSeconds(100)));
        store.schedule(timer("k2", "p2", "2026", T0, T0));

        assertThat(store.reschedule("k1", T0.plusSeconds(500))).isTrue();
        assertThat(store.find("k1").orElseThrow().dueAt()).isEqualTo(T0.plusSeconds(500));
        store.claimDue("node-a", T0, LEASE, 10);
        store.finish("k2", "node-a", TimerStatus.FIRED, "", T0);
        assertThat(store.reschedule("k2", T0.plusSeconds(500))).isFalse();
        assertThat(store.reschedule("nope", T0)).isFalse();
    }

    @Test
    void countsAndTimersOfAPerson() {
        store.schedule(timer("k3", "p1", "e3", T0.plusSeconds(2), T0));
        store.schedule(timer("k1", "p1", "e1", T0, T0));
        store.schedule(timer("k2", "p2", "e2", T0.plusSeconds(1), T0.plusSeconds(100)));
        store.claimDue("node-a", T0, LEASE, 10).forEach(t -> store.finish(t.key(), "node-a",
                t.key().equals("k1") ? TimerStatus.FIRED : TimerStatus.SKIPPED, "", T0));

        assertThat(store.counts()).containsExactly(Map.entry("cart", Map.of(TimerStatus.FIRED, 1L,
                TimerStatus.SKIPPED, 1L, TimerStatus.PENDING, 1L)));
        assertThat(keys(store.timersOf("cart", "p1"))).containsExactly("k1", "k3");
        assertThat(store.timersOf("cart", "nobody")).isEmpty();
    }

    @Test
    void refusesWhatCannotBeStoredOrMeant() {
        assertThatThrownBy(() -> store.schedule(timer("k".repeat(JdbcTimerStore.MAX_KEY + 1), "p1", "e1", T0, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> store.schedule(timer("k1", "p1", "e".repeat(JdbcTimerStore.MAX_CAUSE + 1), T0, T0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cause");
        assertThatThrownBy(() -> store.claimDue(" ", T0, LEASE, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.finish("k1", "node-a", TimerStatus.PENDING, "", T0))
                .isInstanceOf(IllegalArgumentException.class);
        store.schedule(timer("k1", "p1", "e1", T0, T0));
        store.claimDue("node-a", T0, LEASE, 1);
        store.finish("k1", "node-a", TimerStatus.SKIPPED, "x".repeat(JdbcTimerStore.MAX_DETAIL + 5), T0);
        assertThat(store.find("k1").orElseThrow().detail()).hasSize(JdbcTimerStore.MAX_DETAIL);
    }

    private List<TimerStatus> statuses(String trigger, String profile) {
        return store.timersOf(trigger, profile).stream().map(TriggerTimer::status).toList();
    }

    private static TriggerTimer timer(String key, String profile, String cause, Instant started, Instant due) {
        return TriggerTimer.pending(key, "cart", profile, cause, started, due, 1);
    }

    private static List<String> keys(List<TriggerTimer> timers) {
        return timers.stream().map(TriggerTimer::key).toList();
    }
}
