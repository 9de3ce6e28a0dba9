package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

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

    private static ConsentRecord record(ConsentStatus status, Instant at, String source) {
        return new ConsentRecord("p-1", ConsentRecord.EMAIL_MARKETING, status, at, source);
    }
}
