package org.tailor.api.model;

/** The state of one person's consent to one purpose. Only {@link #GRANTED} allows sending. */
public enum ConsentStatus {
    /** Asked, not yet confirmed (double opt-in pending). */
    PENDING,
    /** Given and in force. */
    GRANTED,
    /** Refused when asked. */
    DENIED,
    /** Given earlier and taken back. */
    WITHDRAWN,
    /**
     * Given with an expiry that has passed. The consent service derives it from
     * {@link ConsentRecord#expiresAt()}; a source may also record it for consent that lapsed elsewhere.
     */
    EXPIRED
}
