package org.tailor.api.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One durable timer of a trigger for one person: when it is due, what caused it, and what became
 * of it. A timer is written once per key; the key is also the idempotency key of the outbox entry
 * it produces, so a timer fired twice (a node died after writing the outbox, before marking it
 * fired) still mails once.
 *
 * <p>Immutable.
 *
 * @param key unique per (trigger, person, cause), at most 128 characters, never null
 * @param triggerId never null
 * @param profileId the person, never null
 * @param cause what started it: an event id, an anniversary's year, a segment entry; at most 255 characters, never null
 * @param startedAt when the cause happened, never null
 * @param dueAt when it fires, never null
 * @param triggerVersion the version of the trigger definition that scheduled it
 * @param status never null
 * @param attempts how many times a node claimed it
 * @param claimedBy the node holding its lease, or empty
 * @param leaseUntil until when that node holds it; empty when unclaimed. A lease that has run out
 *                   may be claimed by any node.
 * @param detail why it was skipped, cancelled or put back, or empty
 */
public record TriggerTimer(String key, String triggerId, String profileId, String cause, Instant startedAt,
                           Instant dueAt, int triggerVersion, TimerStatus status, int attempts, String claimedBy,
                           Optional<Instant> leaseUntil, String detail) {

    public TriggerTimer {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        Objects.requireNonNull(detail, "detail");
    }

    /** A new, unclaimed timer. */
    public static TriggerTimer pending(String key, String triggerId, String profileId, String cause, Instant startedAt,
                                       Instant dueAt, int triggerVersion) {
        return new TriggerTimer(key, triggerId, profileId, cause, startedAt, dueAt, triggerVersion, TimerStatus.PENDING,
                0, "", Optional.empty(), "");
    }
}
