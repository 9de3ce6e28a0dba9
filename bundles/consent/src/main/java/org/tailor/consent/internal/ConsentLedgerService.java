package org.tailor.consent.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.store.ConsentStore;

/**
 * Answers consent checks from the append-only ledger in the store, through a per-profile cache
 * that a new entry for that profile replaces before {@link #record} returns.
 */
@Component(service = ConsentService.class)
public class ConsentLedgerService implements ConsentService {

    private static final Logger LOG = LoggerFactory.getLogger(ConsentLedgerService.class);

    /**
     * Which entry decides: the latest by the time the person acted; on a tie the one that does
     * not grant, so that an ambiguous history never reads as consent.
     */
    static final Comparator<ConsentRecord> DECIDING_ORDER = Comparator
            .comparing(ConsentRecord::recordedAt)
            .thenComparing(r -> r.status() != ConsentStatus.GRANTED);

    private final ConsentStore store;
    private static final int MAX_CACHED_HISTORIES = 100_000;

    private final Map<String, List<ConsentRecord>> historyCache = new ConcurrentHashMap<>();

    @Activate
    public ConsentLedgerService(@Reference ConsentStore store) {
        this.store = store;
    }

    @Override
    public ConsentDecision check(String profileId, String purpose) {
        try {
            Optional<ConsentRecord> deciding = history(profileId).stream()
                    .filter(r -> r.purpose().equals(purpose))
                    .max(DECIDING_ORDER);
            if (deciding.isEmpty()) {
                return ConsentDecision.deny("no consent recorded for " + purpose);
            }
            ConsentRecord r = deciding.get();
            String evidence = r.status().name().toLowerCase() + " at " + r.recordedAt() + " via " + r.source();
            return r.status() == ConsentStatus.GRANTED ? ConsentDecision.allow(evidence) : ConsentDecision.deny(evidence);
        } catch (RuntimeException e) {
            // Failing closed: a store we cannot read is a "no", never a "yes".
            LOG.warn("Consent check for profile {} failed; treating as no consent: {}", profileId, e.toString());
            return ConsentDecision.deny("consent could not be confirmed: " + e.getMessage());
        }
    }

    @Override
    public void record(ConsentRecord record) {
        // Drop the cached history first so that no check can read a stale "granted" while the
        // append is in flight; the next check reloads from the store.
        historyCache.remove(record.profileId());
        try {
            store.append(record);
        } finally {
            historyCache.remove(record.profileId());
        }
    }

    @Override
    public void recordAll(java.util.Collection<ConsentRecord> records) {
        records.forEach(r -> historyCache.remove(r.profileId()));
        try {
            store.appendAll(records);
        } finally {
            records.forEach(r -> historyCache.remove(r.profileId()));
        }
    }

    @Override
    public List<ConsentRecord> history(String profileId) {
        if (historyCache.size() >= MAX_CACHED_HISTORIES) {
            // An import touching millions of people must not keep all their histories; starting the
            // cache over is crude but bounded, and checks reload what they need.
            historyCache.clear();
        }
        return historyCache.computeIfAbsent(profileId, id -> List.copyOf(store.history(id)));
    }
}
