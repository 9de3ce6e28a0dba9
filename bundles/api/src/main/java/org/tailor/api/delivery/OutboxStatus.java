package org.tailor.api.delivery;

/** Where an outbox entry is in its life. */
public enum OutboxStatus {
    /** Written, not yet accepted by a transport. */
    PENDING,
    /** Accepted by the transport. */
    SENT,
    /** Refused permanently by the transport. */
    FAILED
}
