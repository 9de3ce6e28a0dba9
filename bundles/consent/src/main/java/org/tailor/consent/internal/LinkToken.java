package org.tailor.consent.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * What a signed link says.
 *
 * @param kind what the link does
 * @param id random and unique: what is stored once the link is used, so that it works only once
 * @param profileId whose link
 * @param purpose the purpose it confirms or withdraws; empty for a preference link
 * @param campaignId the message's campaign for an unsubscribe link, otherwise empty
 * @param expiresAt when it stops working
 */
record LinkToken(Kind kind, String id, String profileId, String purpose, String campaignId, Instant expiresAt) {

    enum Kind {
        CONFIRM,
        UNSUBSCRIBE,
        PREFERENCES
    }

    LinkToken {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
