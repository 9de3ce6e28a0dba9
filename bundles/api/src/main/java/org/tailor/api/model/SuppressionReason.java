package org.tailor.api.model;

/** Why an address must not be mailed. */
public enum SuppressionReason {
    /** The receiving server said the mailbox does not exist. */
    HARD_BOUNCE,
    /** The person marked a message as spam. */
    COMPLAINT,
    /** An admin added it. */
    MANUAL,
    /** The person's data was erased; only this keyed hash remains so they are never mailed again. */
    ERASED
}
