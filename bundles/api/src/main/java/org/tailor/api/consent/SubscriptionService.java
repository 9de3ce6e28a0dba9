package org.tailor.api.consent;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.ConsentStatus;

/**
 * Double opt-in, unsubscribe and the preference page, through signed links that expire and work
 * once. A link cannot be forged or altered without the installation's key; a used link is refused
 * if replayed, so an old unsubscribe link cannot undo a later subscription.
 *
 * <p>The runtime calls {@link #unsubscribeLinks} for every message it builds and
 * {@link #requestConfirmation} for a double opt-in message; the consent servlet and a mailbox
 * reader call the rest. Thread safe.
 */
@ProviderType
public interface SubscriptionService {

    /**
     * Starts double opt-in: records {@link ConsentStatus#PENDING} with the current consent text and
     * returns the link for the confirmation message. A person whose consent is granted and in force
     * is left as they are.
     *
     * @throws UnknownPurposeException for a purpose that is not configured
     * @throws org.tailor.api.store.StoreException if the store fails
     */
    ConfirmationRequest requestConfirmation(String profileId, String purpose, String source, String channel);

    /** Confirms a double opt-in link: records {@link ConsentStatus#GRANTED}. Never throws. */
    LinkOutcome confirm(String token, String channel);

    /** The links and header values for one message to one recipient; every call makes a new token. */
    UnsubscribeLinks unsubscribeLinks(String profileId, String purpose, String campaignId);

    /** Follows an unsubscribe link (one-click POST or mailto): records {@link ConsentStatus#WITHDRAWN}. Never throws. */
    LinkOutcome unsubscribe(String token, String channel);

    /**
     * The person's current state per purpose for the preference page, or empty if the token is not a
     * valid, unexpired preference or unsubscribe link. Reading does not use the link up.
     */
    Optional<Map<String, ConsentStatus>> preferences(String token);

    /**
     * Applies the preference page: each purpose given true is granted, false withdrawn; purposes not
     * given and purposes already in the wanted state are left alone. Uses the link up and returns the
     * next one in {@link LinkOutcome#nextToken()}. Never throws.
     */
    LinkOutcome changePreferences(String token, Map<String, Boolean> wanted, String channel);
}
