package org.tailor.connector.collector.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

/**
 * Honours the Global Privacy Control signal ({@code Sec-GPC: 1}): a browser telling every site it
 * visits not to sell or share its user's data. Each profile a request touched gets a
 * {@code sale_sharing} withdrawal in its consent history, unless its latest entry for that purpose
 * already is one, so that a visitor whose browser sends the header on every page adds one entry,
 * not one per page view.
 */
final class GlobalPrivacyControl {

    static final String HEADER = "Sec-GPC";

    private final ConsentService consent;

    GlobalPrivacyControl(ConsentService consent) {
        this.consent = consent;
    }

    /** Whether a request carries the signal; the specification allows only the value 1. */
    static boolean signalled(String headerValue) {
        return headerValue != null && headerValue.trim().equals("1");
    }

    /**
     * Records the withdrawal for each profile that does not have it yet.
     *
     * @return how many entries were written
     * @throws org.tailor.api.store.StoreException if the consent store fails
     */
    int honour(Collection<String> profileIds, String source, Instant now) {
        int written = 0;
        for (String profileId : profileIds) {
            if (!alreadyWithdrawn(consent.history(profileId))) {
                consent.record(new ConsentRecord(profileId, ConsentRecord.SALE_SHARING, ConsentStatus.WITHDRAWN, now,
                        "collector:" + source + ":" + HEADER));
                written++;
            }
        }
        return written;
    }

    private static boolean alreadyWithdrawn(List<ConsentRecord> history) {
        // The current state is the latest entry by recordedAt; of two at the same instant, the later appended.
        Optional<ConsentRecord> latest = history.stream()
                .filter(r -> ConsentRecord.SALE_SHARING.equals(r.purpose()))
                .reduce((a, b) -> b.recordedAt().isBefore(a.recordedAt()) ? a : b);
        return latest.map(r -> r.status() == ConsentStatus.WITHDRAWN).orElse(false);
    }
}
