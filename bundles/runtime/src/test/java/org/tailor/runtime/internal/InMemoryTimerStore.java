package org.tailor.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.store.TimerStore;

/**
 * The timer store's contract in memory, as the JDBC store keeps it (its tests check the same
 * rules on H2 and PostgreSQL). It outlives the runtimes built over it in a test, as the database does.
 */
class InMemoryTimerStore implements TimerStore {

    private final Map<String, TriggerTimer> timers = new LinkedHashMap<>();

    @Override
    public synchronized boolean schedule(TriggerTimer timer) {
        return timers.putIfAbsent(timer.key(), timer) == null;
    }

    @Override
    public synchronized boolean reschedule(String key, Instant dueAt) {
        TriggerTimer t = timers.get(key);
        if (t == null || t.status() != TimerStatus.PENDING) {
            return false;
        }
        put(t, dueAt, t.status(), t.attempts(), t.claimedBy(), t.leaseUntil(), t.detail());
        return true;
    }

    @Override
    public synchronized List<TriggerTimer> claimDue(String node, Instant now, Duration lease, int limit) {
        List<TriggerTimer> due = timers.values().stream()
                .filter(t -> free(t, now) && !t.dueAt().isAfter(now))
                .sorted(Comparator.comparing(TriggerTimer::dueAt).thenComparing(TriggerTimer::key))
                .limit(limit).toList();
        List<TriggerTimer> claimed = new ArrayList<>();
        for (TriggerTimer t : due) {
            claimed.add(put(t, t.dueAt(), t.status(), t.attempts() + 1, node, Optional.of(now.plus(lease)), t.detail()));
        }
        return claimed;
    }

    @Override
    public synchronized Optional<TriggerTimer> claim(String key, String node, Instant now, Duration lease) {
        TriggerTimer t = timers.get(key);
        if (t == null || !free(t, now)) {
            return Optional.empty();
        }
        return Optional.of(put(t, t.dueAt(), t.status(), t.attempts() + 1, node, Optional.of(now.plus(lease)), t.detail()));
    }

    @Override
    public synchronized boolean finish(String key, String node, TimerStatus status, String detail, Instant at) {
        TriggerTimer t = timers.get(key);
        if (t == null || t.status() != TimerStatus.PENDING || !t.claimedBy().equals(node)) {
            return false;
        }
        put(t, t.dueAt(), status, t.attempts(), "", Optional.empty(), detail);
        return true;
    }

    @Override
    public synchronized boolean release(String key, String node, Instant dueAt, String detail, Instant at) {
        TriggerTimer t = timers.get(key);
        if (t == null || t.status() != TimerStatus.PENDING || !t.claimedBy().equals(node)) {
            return false;
        }
        put(t, dueAt, t.status(), t.attempts(), "", Optional.empty(), detail);
        return true;
    }

    @Override
    public synchronized boolean cancel(String triggerId, String profileId, String cause, String reason, Instant at) {
        for (TriggerTimer t : List.copyOf(timers.values())) {
            if (t.triggerId().equals(triggerId) && t.profileId().equals(profileId) && t.cause().equals(cause)
                    && t.status() == TimerStatus.PENDING) {
                put(t, t.dueAt(), TimerStatus.CANCELLED, t.attempts(), "", Optional.empty(), reason);
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized int cancelStartedUpTo(String triggerId, String profileId, Instant until, String reason, Instant at) {
        int cancelled = 0;
        for (TriggerTimer t : List.copyOf(timers.values())) {
            if (t.triggerId().equals(triggerId) && t.profileId().equals(profileId) && !t.startedAt().isAfter(until)
                    && t.status() == TimerStatus.PENDING) {
                put(t, t.dueAt(), TimerStatus.CANCELLED, t.attempts(), "", Optional.empty(), reason);
                cancelled++;
            }
        }
        return cancelled;
    }

    @Override
    public synchronized Optional<TriggerTimer> find(String key) {
        return Optional.ofNullable(timers.get(key));
    }

    @Override
    public synchronized List<TriggerTimer> timersOf(String triggerId, String profileId) {
        return timers.values().stream().filter(t -> t.triggerId().equals(triggerId) && t.profileId().equals(profileId))
                .sorted(Comparator.comparing(TriggerTimer::startedAt).thenComparing(TriggerTimer::key)).toList();
    }

    @Override
    public synchronized Map<String, Map<TimerStatus, Long>> counts() {
        Map<String, Map<TimerStatus, Long>> counts = new TreeMap<>();
        timers.values().forEach(t -> counts.computeIfAbsent(t.triggerId(), id -> new EnumMap<>(TimerStatus.class))
                .merge(t.status(), 1L, Long::sum));
        return counts;
    }

    synchronized List<TriggerTimer> all() {
        return List.copyOf(timers.values());
    }

    private static boolean free(TriggerTimer t, Instant now) {
        return t.status() == TimerStatus.PENDING && (t.leaseUntil().isEmpty() || t.leaseUntil().get().isBefore(now));
    }

    private TriggerTimer put(TriggerTimer t, Instant due, TimerStatus status, int attempts, String claimedBy,
                             Optional<Instant> lease, String detail) {
        TriggerTimer next = new TriggerTimer(t.key(), t.triggerId(), t.profileId(), t.cause(), t.startedAt(), due,
                t.triggerVersion(), status, attempts, claimedBy, lease, detail);
        timers.put(t.key(), next);
        return next;
    }
}
