package org.tailor.api.model;

/**
 * Why processing for a purpose is lawful (GDPR Art. 6(1)). Only {@link #CONSENT} can be withdrawn
 * by the person; the others are recorded so that the ledger says what the controller relied on.
 */
public enum LawfulBasis {
    /** The person agreed (Art. 6(1)(a)); Art. 7 applies: it must be provable and as easy to withdraw. */
    CONSENT,
    /** Needed for a contract with the person (Art. 6(1)(b)). */
    CONTRACT,
    /** Required by law (Art. 6(1)(c)). */
    LEGAL_OBLIGATION,
    /** To protect someone's life (Art. 6(1)(d)). */
    VITAL_INTERESTS,
    /** A task in the public interest (Art. 6(1)(e)). */
    PUBLIC_TASK,
    /** The controller's legitimate interests, balanced against the person's (Art. 6(1)(f)). */
    LEGITIMATE_INTERESTS
}
