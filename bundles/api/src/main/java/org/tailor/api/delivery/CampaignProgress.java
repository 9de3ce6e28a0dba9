package org.tailor.api.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * Where a campaign's messages are.
 *
 * @param campaignId never null
 * @param byStatus outbox entries per status; statuses with none are absent
 * @param possibleDuplicates entries handed to a transport again after the node holding them stopped
 */
public record CampaignProgress(String campaignId, Map<OutboxStatus, Long> byStatus, long possibleDuplicates) {

    public CampaignProgress {
        Objects.requireNonNull(campaignId, "campaignId");
        byStatus = Map.copyOf(byStatus);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(OutboxStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
