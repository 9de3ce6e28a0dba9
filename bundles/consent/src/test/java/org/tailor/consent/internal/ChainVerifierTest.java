package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.consent.internal.ConsentFixture.T0;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.consent.AuditVerification;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.SuppressionReason;

/** Tampering as someone with write access to the database would do it, and what verification reports. */
class ChainVerifierTest {

    private final ConsentFixture fixture = new ConsentFixture();
    private final ChainVerifier verifier = new ChainVerifier(fixture.stores.audit);

    @BeforeEach
    void writeSomeHistory() {
        for (int i = 0; i < 5; i++) {
            fixture.ledger.record(new ConsentRecord("p" + i, ConsentRecord.EMAIL_MARKETING,
                    i % 2 == 0 ? ConsentStatus.GRANTED : ConsentStatus.WITHDRAWN, T0.plusSeconds(i), "test"));
        }
        fixture.suppressions.add("bounce@example.com", SuppressionReason.HARD_BOUNCE, "", "relay");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anUntouchedChainIsIntact() {
        AuditVerification result = verifier.verify();
        assertThat(result.intact()).isTrue();
        assertThat(result.checked()).isEqualTo(6);
        assertThat(result.firstBroken()).isEmpty();
        assertThat(verifier.entries(5, 10)).extracting(AuditEntry::seq).containsExactly(5L, 6L);
    }

    @Test
    void anEditedEntryIsReportedWhereItIs() {
        fixture.stores.execute("UPDATE audit_log SET detail = REPLACE(detail, 'withdrawn', 'granted') WHERE seq = 2");
        AuditVerification result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBroken()).hasValue(2);
        assertThat(result.problem()).contains("entry 2 was changed");
    }

    @Test
    void anEditedEntryWithItsHashRecomputedBreaksTheNextLink() {
        AuditEntry second = verifier.entries(2, 1).get(0);
        String forged = AuditEntry.hashOf(second.prevHash(), 2, second.at(), second.kind(), second.subject(), "forged");
        fixture.stores.execute("UPDATE audit_log SET detail = 'forged', hash = '" + forged + "' WHERE seq = 2");
        AuditVerification result = verifier.verify();
        assertThat(result.firstBroken()).hasValue(3);
        assertThat(result.problem()).contains("does not link to entry 2");
    }

    @Test
    void aRemovedEntryAndACutOffEndAreReported() {
        fixture.stores.execute("DELETE FROM audit_log WHERE seq = 4");
        assertThat(verifier.verify().firstBroken()).hasValue(4);
        assertThat(verifier.verify().problem()).contains("entry 4 is missing");
    }

    @Test
    void entriesCutOffTheEndAreReported() {
        fixture.stores.execute("DELETE FROM audit_log WHERE seq >= 5");
        AuditVerification result = verifier.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBroken()).hasValue(5);
        assertThat(result.problem()).contains("removed from the end");
    }
}
