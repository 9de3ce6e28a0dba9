package org.tailor.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;

/**
 * Durable trigger timers, shared by every node on one database. A node claims due timers with a
 * lease; a timer whose lease ran out (its node died) can be claimed again. A timer leaves
 * {@link TimerStatus#PENDING} once and never returns.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface TimerStore {

    /**
     * Adds the pending timer unless its key is already there.
     *
     * @return true if added, false if a timer with that key exists (whatever its status; it is not changed)
     */
    boolean schedule(TriggerTimer timer);

    /**
     * Moves a pending timer's due time, for a date that changed before it fired.
     *
     * @return true if the timer is pending and now due at {@code dueAt}
     */
    boolean reschedule(String key, Instant dueAt);

    /**
     * Claims up to {@code limit} pending timers due at or before {@code now} that no node holds
     * (unclaimed, or with a lease that ended before {@code now}), earliest due first. Two callers
     * never get the same timer while its lease runs.
     *
     * @return the claimed timers, held by {@code node} until {@code now + lease}; never null
     */
    List<TriggerTimer> claimDue(String node, Instant now, Duration lease, int limit);

    /** Claims one pending timer that no node holds, due or not: for firing it ahead of time. */
    Optional<TriggerTimer> claim(String key, String node, Instant now, Duration lease);

    /**
     * Ends a timer the node holds, as {@link TimerStatus#FIRED}, {@link TimerStatus#SKIPPED} or
     * {@link TimerStatus#CANCELLED}.
     *
     * @return false if it is no longer pending or another node holds it now (its lease ran out)
     */
    boolean finish(String key, String node, TimerStatus status, String detail, Instant at);

    /**
     * Gives back a timer the node holds, still pending, due again at {@code dueAt}: for a check
     * that could not be answered now (consent unreadable, template not loaded).
     *
     * @return false if it is no longer pending or another node holds it now
     */
    boolean release(String key, String node, Instant dueAt, String detail, Instant at);

    /**
     * Cancels the pending timer of the trigger for the person with this cause.
     *
     * @return true if there was one
     */
    boolean cancel(String triggerId, String profileId, String cause, String reason, Instant at);

    /**
     * Cancels the person's pending timers of the trigger whose cause happened at or before
     * {@code until}: what an event that calls the trigger off does.
     *
     * @return how many were cancelled
     */
    int cancelStartedUpTo(String triggerId, String profileId, Instant until, String reason, Instant at);

    /** The timer with this key. */
    Optional<TriggerTimer> find(String key);

    /** The person's timers of the trigger, whatever their status, earliest cause first; never null. */
    List<TriggerTimer> timersOf(String triggerId, String profileId);

    /** How many timers each trigger has in each status; statuses with none are absent; never null. */
    Map<String, Map<TimerStatus, Long>> counts();
}
