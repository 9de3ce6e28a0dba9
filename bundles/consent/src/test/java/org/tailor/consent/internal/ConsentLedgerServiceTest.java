package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.consent.internal.ConsentFixture.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.consent.AttributeScope;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.UnknownPurposeException;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.LawfulBasis;
import org.tailor.api.model.SuppressionReason;

class ConsentLedgerServiceTest {

    private final ConsentFixture fixture = new ConsentFixture();
    private final ConsentLedgerService service = fixture.ledger;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void noRecordMeansNo() {
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).reason()).contains("no consent recorded");
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).unavailable()).isFalse();
    }

    @Test
    void grantedAllowsWithEvidence() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        var decision = service.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).contains("granted", T0.toString(), "test:1");
    }

    @Test
    void pendingDeniedWithdrawnAndRecordedExpiredAreNo() {
        for (ConsentStatus status : List.of(ConsentStatus.PENDING, ConsentStatus.DENIED, ConsentStatus.WITHDRAWN,
                ConsentStatus.EXPIRED)) {
            service.record(entry("p-" + status, status, T0));
            assertThat(service.check("p-" + status, ConsentRecord.EMAIL_MARKETING).allowed()).as(status.name()).isFalse();
        }
    }

    @Test
    void consentIsPerPurpose() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", ConsentRecord.ANALYTICS).allowed()).isFalse();
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
        service.record(entry("p3", ConsentStatus.PENDING, T0));
        service.record(entry("p3", ConsentStatus.GRANTED, T0));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("p2", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("p3", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void anUnknownPurposeIsRefusedWithTheKnownOnesNamed() {
        assertThatThrownBy(() -> service.record(new ConsentRecord("p1", "sms", ConsentStatus.GRANTED, T0, "form")))
                .isInstanceOf(UnknownPurposeException.class)
                .hasMessageContaining("unknown consent purpose 'sms'")
                .hasMessageContaining("email_marketing");
        assertThatThrownBy(() -> service.recordAll(List.of(entry("p1", ConsentStatus.GRANTED, T0),
                new ConsentRecord("p1", "sms", ConsentStatus.GRANTED, T0, "form"))))
                .isInstanceOf(UnknownPurposeException.class);
        assertThat(service.history("p1")).as("nothing of a refused batch is stored").isEmpty();
        assertThat(service.check("p1", "sms").allowed()).isFalse();
        assertThat(service.check("p1", "sms").reason()).contains("unknown consent purpose 'sms'");
    }

    @Test
    void aGrantExpiresAndReadsAsExpired() {
        service.record(new ConsentRecord("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "form",
                LawfulBasis.CONSENT, "web", "v1", "", ConsentRecord.SUBJECT, Optional.of(T0.plus(Duration.ofDays(30)))));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();

        fixture.clock.advance(Duration.ofDays(30));
        ConsentDecision decision = service.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("expired at " + T0.plus(Duration.ofDays(30)));
        assertThat(service.current("p1").get(ConsentRecord.EMAIL_MARKETING).status()).isEqualTo(ConsentStatus.EXPIRED);
    }

    @Test
    void askingAgainNeverTurnsAConfirmedSubscriberBackToPending() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        service.record(entry("p1", ConsentStatus.PENDING, T0.plusSeconds(10)));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();

        service.record(entry("p2", ConsentStatus.WITHDRAWN, T0));
        service.record(entry("p2", ConsentStatus.PENDING, T0.plusSeconds(10)));
        assertThat(service.current("p2").get(ConsentRecord.EMAIL_MARKETING).status()).isEqualTo(ConsentStatus.PENDING);
    }

    @Test
    void aPersonIsEveryProfileMergedIntoThem() {
        fixture.person("ann", "ann@example.com");
        fixture.person("ann-phone", "ann.phone@example.com");
        service.record(entry("ann", ConsentStatus.GRANTED, T0));
        assertThat(service.check("ann", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
        fixture.stores.profiles.merge("ann", "ann-phone", "same customer id", T0.plusSeconds(5));
        service.ingested(java.util.Set.of("ann", "ann-phone"), List.of());

        // A Global Privacy Control opt-out or an old link still names the absorbed id.
        service.record(new ConsentRecord("ann-phone", ConsentRecord.EMAIL_MARKETING, ConsentStatus.WITHDRAWN,
                T0.plusSeconds(60), "collector:web:Sec-GPC"));
        assertThat(service.check("ann", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(service.check("ann-phone", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
    }

    @Test
    void aSuppressedAddressStopsEmailPurposesOnly() {
        fixture.person("p1", "Ann@Example.com");
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        service.record(new ConsentRecord("p1", ConsentRecord.ANALYTICS, ConsentStatus.GRANTED, T0, "form"));
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();

        fixture.suppressions.add(" ANN@example.com ", SuppressionReason.HARD_BOUNCE, "550 5.1.1 user unknown", "relay");
        ConsentDecision decision = service.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).contains("suppressed (hard_bounce");
        assertThat(service.check("p1", ConsentRecord.ANALYTICS).allowed()).isTrue();

        fixture.suppressions.remove("ann@example.com", "admin", "mailbox exists again");
        assertThat(service.check("p1", ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
    }

    @Test
    void personalizationReadsTheGenericSetUnlessAPurposeOpensMore() {
        AttributeScope none = service.readableAttributes("p1");
        assertThat(none.all()).isFalse();
        assertThat(none.names()).containsExactlyInAnyOrder("first_name", "locale");
        assertThat(none.allows("city")).isFalse();

        service.record(new ConsentRecord("p1", ConsentRecord.ANALYTICS, ConsentStatus.GRANTED, T0, "form"));
        assertThat(service.readableAttributes("p1").names())
                .containsExactlyInAnyOrder("first_name", "locale", "last_visit_at", "visit_count");

        service.record(new ConsentRecord("p1", ConsentRecord.PERSONALIZATION, ConsentStatus.GRANTED, T0, "form"));
        assertThat(service.readableAttributes("p1").allows("city")).isTrue();

        service.record(new ConsentRecord("p1", ConsentRecord.PERSONALIZATION, ConsentStatus.WITHDRAWN,
                T0.plusSeconds(1), "link"));
        assertThat(service.readableAttributes("p1").allows("city")).as("withdrawal narrows at once").isFalse();
    }

    @Test
    void anUnreadableStoreFailsClosedAndSaysSo() {
        service.record(entry("p1", ConsentStatus.GRANTED, T0));
        fixture.cache.changedAll();
        fixture.consentStore.broken.set(true);
        var decision = service.check("p1", ConsentRecord.EMAIL_MARKETING);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.unavailable()).isTrue();
        assertThat(decision.reason()).contains("could not be confirmed", "database is down");
        assertThat(service.readableAttributes("p1").names()).containsExactlyInAnyOrder("first_name", "locale");
    }

    @Test
    void anAdminChangesConsentOnBehalfWithAReason() {
        ConsentRecord entry = service.changeOnBehalf("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.WITHDRAWN,
                "karaf", "phone call, ticket 4711");
        assertThat(entry.channel()).isEqualTo("on_behalf");
        assertThat(entry.actor()).isEqualTo("karaf");
        assertThat(service.history("p1")).containsExactly(entry);
        assertThatThrownBy(() -> service.changeOnBehalf("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.PENDING,
                "karaf", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.changeOnBehalf("p1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED,
                "karaf", " ")).hasMessageContaining("reason");
    }

    private static ConsentRecord entry(String profile, ConsentStatus status, Instant at) {
        return new ConsentRecord(profile, ConsentRecord.EMAIL_MARKETING, status, at, "test:1");
    }
}
