package org.tailor.api.delivery;

/** Where a trigger timer is in its life; it leaves {@link #PENDING} once and never returns. */
public enum TimerStatus {
    /** Waiting for its due time, or claimed by a node that is firing it. */
    PENDING,
    /** Fired: its message is in the outbox (or was already there). */
    FIRED,
    /** Fired, but nothing was sent: no consent, no address, the message failed to render, or it came too late. */
    SKIPPED,
    /** Called off before it fired: the cancelling event happened, the person left the segment, a later event replaced it. */
    CANCELLED
}
