package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.LawfulBasis;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcConsentStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2025-01-01T09:00:00Z");

    private JdbcStore db;
    private JdbcConsentStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcConsentStore(db);
    }

    @Test
    void historyIsOldestFirstByRecordedAtThenByAppendOrder() {
        ConsentRecord withdrawn = record(ConsentStatus.WITHDRAWN, T0.plusSeconds(3600), "csv:customers.csv:3");
        ConsentRecord granted = record(ConsentStatus.GRANTED, T0, "csv:customers.csv:2");
        ConsentRecord pendingSameInstant = record(ConsentStatus.PENDING, T0, "form");
        ConsentRecord otherPurpose = new ConsentRecord("p-1", "sms", ConsentStatus.DENIED, T0.plusSeconds(1), "form");
        ConsentRecord someoneElse = new ConsentRecord("p-2", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED,
                T0, "form");
        store.append(withdrawn);
        store.append(granted);
        store.append(pendingSameInstant);
        store.append(otherPurpose);
        store.append(someoneElse);

        assertThat(store.history("p-1")).containsExactly(granted, pendingSameInstant, otherPurpose, withdrawn);
        assertThat(store.history("p-2")).containsExactly(someoneElse);
        assertThat(store.history("nobody")).isEmpty();
    }

    @Test
    void identicalEntriesAreAllKept() {
        ConsentRecord granted = record(ConsentStatus.GRANTED, T0, "form");
        store.append(granted);
        store.append(granted);
        assertThat(store.history("p-1")).containsExactly(granted, granted);
    }

    @Test
    void theProofRoundTripsAndOldRowsReadWithTheDocumentedDefaults() {
        ConsentRecord proof = new ConsentRecord("p-1", ConsentRecord.PERSONALIZATION, ConsentStatus.GRANTED, T0,
                "form:/signup", LawfulBasis.CONSENT, "web", "2026-01", ConsentRecord.textHash("We may use ..."),
                ConsentRecord.SUBJECT, Optional.of(T0.plus(Duration.ofDays(365))));
        ConsentRecord plain = record(ConsentStatus.WITHDRAWN, T0.plusSeconds(5), "csv:customers.csv:9");
        store.appendAll(List.of(proof, plain));

        assertThat(store.history("p-1")).containsExactly(proof, plain);
        ConsentRecord read = store.history("p-1").get(1);
        assertThat(read.lawfulBasis()).isEqualTo(LawfulBasis.CONSENT);
        assertThat(read.channel()).isEqualTo(ConsentRecord.UNSPECIFIED);
        assertThat(read.actor()).isEqualTo(ConsentRecord.UNSPECIFIED);
        assertThat(read.textVersion()).isEmpty();
        assertThat(read.expiresAt()).isEmpty();
    }

    @Test
    void everyEntryIsInTheAuditChainWithItsFingerprintButNotItsSource() {
        ConsentRecord granted = record(ConsentStatus.GRANTED, T0, "on-behalf: called from +49 170 1234567");
        store.append(granted);
        store.appendAll(List.of(record(ConsentStatus.WITHDRAWN, T0.plusSeconds(1), "form"),
                new ConsentRecord("p-2", "analytics", ConsentStatus.DENIED, T0, "form")));

        List<AuditEntry> chain = new ArrayList<>();
        new JdbcAuditLogStore(db).forEach(1, chain::add);
        assertThat(chain).extracting(AuditEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(chain).extracting(AuditEntry::subject).containsExactly("p-1", "p-1", "p-2");
        assertThat(chain).allMatch(AuditEntry::selfConsistent);
        assertThat(chain.get(0).detail())
                .startsWith("email_marketing granted at " + T0)
                .contains("entry sha256:" + JdbcConsentStore.fingerprint(granted))
                .doesNotContain("+49");
        assertThat(chain.get(1).prevHash()).isEqualTo(chain.get(0).hash());
    }

    private static ConsentRecord record(ConsentStatus status, Instant at, String source) {
        return new ConsentRecord("p-1", ConsentRecord.EMAIL_MARKETING, status, at, source);
    }
}
