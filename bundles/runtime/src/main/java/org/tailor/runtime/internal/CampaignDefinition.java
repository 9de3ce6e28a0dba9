package org.tailor.runtime.internal;

import java.util.Objects;
import org.tailor.api.model.Campaign;

/**
 * A campaign as loaded from its file: the API's campaign plus what only the runtime needs.
 *
 * @param campaign never null
 * @param version the message version, part of the idempotency key; bumping it sends again, at least 1
 * @param origin the file it came from, never null
 */
record CampaignDefinition(Campaign campaign, int version, String origin) {

    CampaignDefinition {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(origin, "origin");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    String id() {
        return campaign.id();
    }
}
