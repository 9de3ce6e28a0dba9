package org.tailor.ingest.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

final class InMemoryConsentService implements ConsentService {

    private final List<ConsentRecord> records = new ArrayList<>();

    @Override
    public synchronized ConsentDecision check(String profileId, String purpose) {
        return records.stream()
                .filter(r -> r.profileId().equals(profileId) && r.purpose().equals(purpose))
                .max(Comparator.comparing(ConsentRecord::recordedAt))
                .filter(r -> r.status() == ConsentStatus.GRANTED)
                .map(r -> ConsentDecision.allow("granted"))
                .orElse(ConsentDecision.deny("no grant"));
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
        return new ArrayList<>(records);
    }
}
