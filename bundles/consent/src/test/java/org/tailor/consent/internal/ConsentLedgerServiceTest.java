package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.StoreException;

class ConsentLedgerServiceTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final InMemoryConsentStore store = new InMemoryConsentStore();
    private final ConsentLedgerService service = new ConsentLedgerService(store);

    @Test
    void noRecordMeansNo() {
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).reason()).contains("no consent recorded");
    }

    @Test
    void grantedAllowsWithEvidence() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        var decision = service.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).contains("granted", T0.toString(), "test:1");
    }

    @Test
    void pendingDeniedAndWithdrawnAreNo() {
        for (ConsentStatus status : List.of(ConsentStatus.PENDING, ConsentStatus.DENIED, ConsentStatus.WITHDRAWN)) {
            service.record(entry("p-" + status, status, T0));
            assertThat(service.check("p-" + status, ConsentRecord.EMAIL_MARKETING).allowed()).as(status.name()).isFalse();
        }
    }

    @Test
    void consentIsPerPurpose() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", "analytics").allowed()).isFalse();
    }

    @Test
    void withdrawalTakesEffectAtOnceDespiteCache() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
        service.record(entry("p1", ConsentStatus.WITHDRAWN, T0.plusSeconds(60)));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void latestByTimeDecidesNotLatestAppended() {
        service.record(entry("p1", ConsentStatus.WITHDRAWN, T0.plusSeconds(60)));
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void aTieNeverReadsAsConsent() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        service.record(entry("p1", ConsentStatus.WITHDRAWN, T0));
        service.record(entry("p2", ConsentStatus.WITHDRAWN, T0));
        service.record(entry("p2", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("p2", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void anUnreadableStoreFailsClosed() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        ConsentLedgerService cold = new ConsentLedgerService(store);
        store.broken.set(true);
        var decision = cold.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("could not be confirmed");
    }

    private static ConsentRecord entry(String profile, ConsentStatus status, Instant at) {
        return new ConsentRecord(profile, ConsentRecord.EMAIL_MARKETING, status, at, "test:1");
    }

    static final class InMemoryConsentStore implements ConsentStore {
        final List<ConsentRecord> records = new ArrayList<>();
        final AtomicBoolean broken = new AtomicBoolean();

        @Override
        public synchronized void append(ConsentRecord record) {
            records.add(record);
        }

        @Override
        public synchronized List<ConsentRecord> history(String profileId) {
            if (broken.get()) {
                throw new StoreException("database is down");
            }
            return records.stream().filter(r -> r.profileId().equals(profileId)).toList();
        }
    }
}
