package org.tailor.api.delivery;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends double opt-in confirmation messages: records the purpose as pending through the
 * subscription service and mails the person its signed, expiring confirm link through the durable
 * outbox. A confirmation is a transactional message asked for by the person, so it needs no
 * marketing consent, but a suppressed address never gets one.
 *
 * <p>Thread safe. Repeated requests within the configured interval send nothing more, so a sign-up
 * form cannot be used to flood someone's mailbox.
 */
@ProviderType
public interface ConfirmationMailer {

    /** What became of a request. */
    enum Outcome {
        /** Recorded as pending and accepted by the transport. */
        SENT,
        /** Recorded as pending and written to the outbox; the transport is unavailable and it goes out on a later relay. */
        QUEUED,
        /** The purpose is granted and in force: nothing recorded, nothing sent. */
        ALREADY_CONFIRMED,
        /** A confirmation for this person and purpose went out within the interval: nothing recorded, nothing sent. */
        RECENTLY_SENT,
        /** The address is on the suppression list: nothing recorded, nothing sent. */
        SUPPRESSED,
        /** The profile has no email address: nothing recorded, nothing sent. */
        NO_ADDRESS
    }

    /**
     * Asks the person to confirm the purpose.
     *
     * @param source where the request came from, for example {@code signup-form}, kept as proof
     * @param channel how it came, for example {@code web} or {@code console}, kept as proof
     * @throws IllegalArgumentException if there is no such profile
     * @throws org.tailor.api.consent.UnknownPurposeException for a purpose that is not configured
     * @throws IllegalStateException if mail cannot be built or no transport is configured
     * @throws org.tailor.api.store.StoreException if the store fails
     */
    Outcome requestConfirmation(String profileId, String purpose, String source, String channel);
}
