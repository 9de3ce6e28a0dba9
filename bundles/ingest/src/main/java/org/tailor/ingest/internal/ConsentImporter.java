package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
        Optional<ConsentRecord> entry = entry(consent.history(profileId), profileId, status, at, source);
        entry.ifPresent(consent::record);
        return entry.isPresent();
    }

    /** The entry a record's consent statement adds to the given history, or empty if it is no news. */
    Optional<ConsentRecord> entry(List<ConsentRecord> history, String profileId, ConsentStatus status, Instant at, String source) {
        List<ConsentRecord> marketing = history.stream()
                .filter(r -> ConsentRecord.EMAIL_MARKETING.equals(r.purpose()))
                .toList();
        if (at != null) {
            // Matching any entry, not only the latest, keeps an old file re-imported after a later
            // change (an unsubscribe, say) from appending its stale entry again.
            if (marketing.stream().anyMatch(r -> r.status() == status && r.recordedAt().equals(at))) {
                return Optional.empty();
            }
        } else {
            // Without a time of its own the record would get "now" on every import; the same
            // status as the current one is then no news.
            var latest = marketing.stream().max(Comparator.comparing(ConsentRecord::recordedAt));
            if (latest.isPresent() && latest.get().status() == status) {
                return Optional.empty();
            }
        }
        return Optional.of(new ConsentRecord(profileId, ConsentRecord.EMAIL_MARKETING, status,
                at != null ? at : clock.instant(), source));
    }

    void recordAll(List<ConsentRecord> entries) {
        if (!entries.isEmpty()) {
            consent.recordAll(entries);
        }
    }

    List<ConsentRecord> history(String profileId) {
        return consent.history(profileId);
    }
}
