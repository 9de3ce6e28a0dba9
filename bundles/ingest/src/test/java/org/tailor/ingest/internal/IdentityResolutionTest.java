package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.ingest.internal.Records.alias;
import static org.tailor.ingest.internal.Records.customer;
import static org.tailor.ingest.internal.Records.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

class IdentityResolutionTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final InMemoryConsentService consent = new InMemoryConsentService();
    final RecordIngestService ingest = new RecordIngestService(profiles, events, new InMemoryOrderStore(),
            new InMemoryDeadLetterStore(), consent, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anonymousBrowsingJoinsTheKnownProfileOnIdentify() {
        String known = ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com")).profileId().orElseThrow();
        String visitor = ingest.ingest(event("anonymous_id", "a-17", "type", "product_viewed",
                "occurred_at", "2026-02-28T10:00:00Z", "properties", Map.of("sku", "TENT-2"))).profileId().orElseThrow();
        assertThat(visitor).isNotEqualTo(known);

        ingest.ingest(customer("customer_id", "C1", "anonymous_id", "a-17"));

        Profile person = profiles.find(visitor).orElseThrow();
        assertThat(person.id()).isEqualTo(known);
        assertThat(person.identities()).contains(new Identity("anonymous_id", "a-17"), new Identity("email", "ann@example.com"));
        assertThat(ingest.merges(known)).singleElement().satisfies(m -> assertThat(m.absorbedId()).isEqualTo(visitor));
    }

    @Test
    void aliasMergesThePreviousAnonymousProfile() {
        String visitor = ingest.ingest(event("anonymous_id", "a-1", "type", "page_viewed", "occurred_at", "2026-02-28T10:00:00Z"))
                .profileId().orElseThrow();
        String known = ingest.ingest(customer("customer_id", "C7")).profileId().orElseThrow();

        var result = ingest.ingest(alias("customer_id", "C7", "previous_id", "a-1"));

        assertThat(result.profileId()).contains(known);
        assertThat(profiles.find(visitor).map(Profile::id)).contains(known);
        assertThat(ingest.stats().merges()).isEqualTo(1);
    }

    @Test
    void aliasOfAnUnseenIdKeepsItForLaterEvents() {
        String known = ingest.ingest(customer("customer_id", "C7")).profileId().orElseThrow();

        ingest.ingest(alias("customer_id", "C7", "previous_id", "device-9"));
        var later = ingest.ingest(event("anonymous_id", "device-9", "type", "page_viewed", "occurred_at", "2026-02-28T10:00:00Z"));

        assertThat(later.profileId()).contains(known);
        assertThat(profiles.count()).isEqualTo(1);
    }

    @Test
    void aliasWithoutPreviousIdIsRejected() {
        var result = ingest.ingest(alias("customer_id", "C7"));

        assertThat(result.violations()).extracting(v -> v.field() + ": " + v.reason()).containsExactly("previous_id: is required");
    }

    @Test
    void aWithdrawalOnEitherSideWinsWhenProfilesMerge() {
        String shop = ingest.ingest(customer("customer_id", "C1", "email_marketing_consent", "granted",
                "consent_at", "2026-01-01T00:00:00Z")).profileId().orElseThrow();
        String newsletter = ingest.ingest(customer("email", "ann@example.com", "email_marketing_consent", "withdrawn",
                "consent_at", "2025-06-01T00:00:00Z")).profileId().orElseThrow();
        assertThat(consent.check(shop, ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();

        ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com"));

        assertThat(consent.check(shop, ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();
        assertThat(consent.history(shop)).last().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(r.source()).startsWith("merge ").contains("on merged profile " + newsletter).contains("csv:test.csv:2");
        });
    }

    @Test
    void aGrantFromTheAbsorbedSideCarriesOverWithItsProof() {
        String shop = ingest.ingest(customer("customer_id", "C1")).profileId().orElseThrow();
        ingest.ingest(customer("email", "ann@example.com", "email_marketing_consent", "granted", "consent_at", "2025-06-01T00:00:00Z"));

        ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com"));

        assertThat(consent.check(shop, ConsentRecord.EMAIL_MARKETING).allowed()).isTrue();
        assertThat(consent.history(shop)).singleElement().satisfies(r ->
                assertThat(r.source()).contains("granted at 2025-06-01T00:00:00Z via csv:test.csv:2"));
    }

    @Test
    void adminMergeAndItsLimits() {
        String a = ingest.ingest(customer("email", "a@example.com")).profileId().orElseThrow();
        String b = ingest.ingest(customer("email", "a.other@example.com")).profileId().orElseThrow();
        String c1 = ingest.ingest(customer("customer_id", "C1")).profileId().orElseThrow();
        String c2 = ingest.ingest(customer("customer_id", "C2")).profileId().orElseThrow();

        var merge = ingest.mergeProfiles(a, b, "same person, told by support");

        assertThat(merge.reason()).isEqualTo("by hand: same person, told by support");
        assertThat(profiles.find(b).map(Profile::id)).contains(a);
        assertThatThrownBy(() -> ingest.mergeProfiles(c1, c2, "x")).hasMessageContaining("two customers are never merged");
        assertThatThrownBy(() -> ingest.mergeProfiles(a, "nobody", "x")).hasMessageContaining("there is no profile nobody");
        assertThatThrownBy(() -> ingest.unmerge("nope")).hasMessageContaining("there is no merge nope");
    }

    @Test
    void nestedPropertiesAreFlattenedAndListsKeptAsJson() {
        ingest.ingest(event("customer_id", "C1", "type", "order_completed", "occurred_at", "2026-02-28T10:00:00Z",
                "properties", Map.of("Order Id", "O1", "shipping", Map.of("method", "express"), "products", java.util.List.of("a", "b"))));

        assertThat(events.all()).singleElement().satisfies(e -> assertThat(e.properties())
                .containsEntry("Order_Id", "O1").containsEntry("shipping.method", "express").containsEntry("products", "[\"a\",\"b\"]"));
    }
}
