package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.ProfileMerge;

/**
 * Combines consent conservatively when two profiles merge: per purpose, the more restrictive of the
 * two current states wins (withdrawn, then denied, then pending, then granted), so a withdrawal on
 * either side still holds for the merged person. The combination is appended to the survivor's
 * history as a new entry that names the merge and the evidence it came from; nothing is rewritten.
 */
final class ConsentCombiner {

    /** Both histories as they were just before a merge. */
    record Before(String survivorId, List<ConsentRecord> survivor, String absorbedId, List<ConsentRecord> absorbed) {
    }

    /** Restrictiveness: a higher index wins. */
    private static final List<ConsentStatus> ORDER =
            List.of(ConsentStatus.GRANTED, ConsentStatus.PENDING, ConsentStatus.DENIED, ConsentStatus.WITHDRAWN);

    private final ConsentService consent;
    private final Clock clock;

    ConsentCombiner(ConsentService consent, Clock clock) {
        this.consent = consent;
        this.clock = clock;
    }

    Before snapshot(String survivorId, String absorbedId) {
        return new Before(survivorId, consent.history(survivorId), absorbedId, consent.history(absorbedId));
    }

    /** Appends the combined state for every purpose where the survivor's own state is not already it. */
    void combine(Before before, ProfileMerge merge) {
        Map<String, ConsentRecord> survivorNow = current(before.survivor());
        current(before.absorbed()).forEach((purpose, absorbed) -> {
            Optional<ConsentRecord> survivor = Optional.ofNullable(survivorNow.get(purpose));
            ConsentRecord winner = survivor.filter(s -> rank(s.status()) >= rank(absorbed.status())).orElse(absorbed);
            if (survivor.isPresent() && winner == survivor.get()) {
                return;
            }
            consent.record(new ConsentRecord(before.survivorId(), purpose, winner.status(), clock.instant(),
                    "merge " + merge.id() + ": " + winner.status().name().toLowerCase(java.util.Locale.ROOT)
                            + " at " + winner.recordedAt() + " via " + winner.source() + " on merged profile " + before.absorbedId()));
        });
    }

    /** The latest entry per purpose; entries at the same instant keep their history order. */
    static Map<String, ConsentRecord> current(List<ConsentRecord> history) {
        Map<String, ConsentRecord> latest = new LinkedHashMap<>();
        history.stream()
                .sorted(Comparator.comparing(ConsentRecord::recordedAt))
                .forEach(r -> latest.put(r.purpose(), r));
        return latest;
    }

    private static int rank(ConsentStatus status) {
        int rank = ORDER.indexOf(status);
        return rank < 0 ? ORDER.size() : rank; // an unknown future status is treated as the most restrictive
    }
}
