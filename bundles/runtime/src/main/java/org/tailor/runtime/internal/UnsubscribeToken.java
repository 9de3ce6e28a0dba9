package org.tailor.runtime.internal;

import java.util.Objects;

/**
 * What an unsubscribe link says: this profile no longer wants this purpose, asked from this campaign.
 *
 * @param profileId never null
 * @param purpose never null
 * @param campaignId never null
 */
record UnsubscribeToken(String profileId, String purpose, String campaignId) {

    UnsubscribeToken {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
