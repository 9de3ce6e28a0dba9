package org.tailor.connector.collector.internal;

import java.util.ArrayList;
import java.util.List;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;

/** A consent ledger in memory. */
final class FakeConsent implements ConsentService {

    final List<ConsentRecord> records = new ArrayList<>();

    @Override
    public ConsentDecision check(String profileId, String purpose) {
        throw new UnsupportedOperationException("the collector never checks consent");
    }

    @Override
    public synchronized void record(ConsentRecord record) {
        records.add(record);
    }

    @Override
    public synchronized List<ConsentRecord> history(String profileId) {
        return records.stream().filter(r -> r.profileId().equals(profileId)).toList();
    }

    synchronized List<ConsentRecord> all() {
        return List.copyOf(records);
    }
}
