package org.tailor.runtime.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.tailor.api.store.OutboxStore;

/**
 * At most so many marketing messages per person per period, over all campaigns: read once when a
 * send starts (one grouped query over the recent outbox, not one per recipient), so a
 * million-recipient send costs one query.
 */
final class FrequencyCap {

    private final int messages;
    private final Duration period;

    /** @param messages 0 for no cap */
    FrequencyCap(int messages, Duration period) {
        this.messages = messages;
        this.period = period;
    }

    /** Who is at the cap for a send of this campaign now: its own earlier entries do not count. */
    Reached reached(OutboxStore outbox, String campaignId, Instant now) {
        if (messages <= 0) {
            return profileId -> false;
        }
        Map<String, Long> recent = outbox.recentPerProfile(now.minus(period),
                Set.of(campaignId, OutboxConfirmationMailer.CAMPAIGN_ID));
        return profileId -> recent.getOrDefault(profileId, 0L) >= messages;
    }

    String describe() {
        return messages + " marketing messages in " + period.toDays() + " days (frequency.cap.messages)";
    }

    /** Whether a person is at the cap. */
    interface Reached {
        boolean test(String profileId);
    }
}
