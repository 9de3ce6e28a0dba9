package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

/** Appends the consent a customer record states, once, however often the record is imported. */
final class ConsentImporter {

    private final ConsentService consent;
    private final Clock clock;

    ConsentImporter(ConsentService consent, Clock clock) {
        this.consent = consent;
        this.clock = clock;
    }

    /**
     * @param at when the person gave or changed consent, or null if the record does not say
     * @return true if an entry was appended
     */
    boolean apply(String profileId, ConsentStatus status, Instant at, String source) {
        List<ConsentRecord> history = consent.history(profileId).stream()
                .filter(r -> ConsentRecord.EMAIL_MARKETING.equals(r.purpose()))
                .toList();
        if (at != null) {
            // Matching any entry, not only the latest, keeps an old file re-imported after a later
            // change (an unsubscribe, say) from appending its stale entry again.
            if (history.stream().anyMatch(r -> r.status() == status && r.recordedAt().equals(at))) {
                return false;
            }
        } else {
            // Without a time of its own the record would get "now" on every import; the same
            // status as the current one is then no news.
            var latest = history.stream().max(Comparator.comparing(ConsentRecord::recordedAt));
            if (latest.isPresent() && latest.get().status() == status) {
                return false;
            }
        }
        consent.record(new ConsentRecord(profileId, ConsentRecord.EMAIL_MARKETING, status,
                at != null ? at : clock.instant(), source));
        return true;
    }
}
