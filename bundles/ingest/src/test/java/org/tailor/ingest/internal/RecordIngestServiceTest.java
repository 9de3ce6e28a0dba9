package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.ingest.internal.Records.customer;
import static org.tailor.ingest.internal.Records.event;
import static org.tailor.ingest.internal.Records.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

class RecordIngestServiceTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final InMemoryConsentService consent = new InMemoryConsentService();
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryDeadLetterStore deadLetters = new InMemoryDeadLetterStore();
    final RecordIngestService ingest = new RecordIngestService(profiles, events, orders, deadLetters, consent,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void newCustomerCreatesAProfileWithIdentitiesAndAttributes() {
        IngestResult result = ingest.ingest(customer("customer_id", "C1", "email", " Ann@Example.com",
                "first_name", "Ann", "birth_date", "1990-04-23", "signed_up_at", "2025-01-01"));

        assertThat(result.isAccepted()).isTrue();
        Profile profile = profiles.only();
        assertThat(result.profileId()).contains(profile.id());
        assertThat(profile.identities()).containsExactlyInAnyOrder(
                new Identity("customer_id", "C1"), new Identity("email", "ann@example.com"));
        assertThat(profile.attributes()).containsEntry("first_name", "Ann")
                .containsEntry("birth_date", LocalDate.of(1990, 4, 23))
                .containsEntry("signed_up_at", Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(profile.createdAt()).isEqualTo(NOW);
        assertThat(ingest.stats()).isEqualTo(new IngestStats(1, 0, 1));
    }

    @Test
    void updatesByEmailOverridingGivenAttributesAndKeepingAbsentOnes() {
        ingest.ingest(customer("email", "ann@example.com", "first_name", "Ann", "city", "Graz"));
        IngestResult second = ingest.ingest(customer("email", "ANN@example.com", "city", "Wien"));

        Profile profile = profiles.only();
        assertThat(second.profileId()).contains(profile.id());
        assertThat(profile.attributes()).containsEntry("first_name", "Ann").containsEntry("city", "Wien");
        assertThat(ingest.stats()).isEqualTo(new IngestStats(2, 0, 1));
    }

    @Test
    void updatesByCustomerIdAndAddsANewIdentity() {
        ingest.ingest(customer("customer_id", "C1", "first_name", "Ann"));
        ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com", "last_name", "Lee"));

        Profile profile = profiles.only();
        assertThat(profile.identities()).containsExactlyInAnyOrder(
                new Identity("customer_id", "C1"), new Identity("email", "ann@example.com"));
        assertThat(profile.attributes()).containsEntry("first_name", "Ann").containsEntry("last_name", "Lee");
    }

    @Test
    void addsACustomerIdToAProfileKnownByEmail() {
        ingest.ingest(customer("email", "ann@example.com"));
        ingest.ingest(customer("customer_id", "C9", "email", "ann@example.com"));

        assertThat(profiles.only().identity("customer_id")).contains("C9");
        assertThat(ingest.stats().profilesCreated()).isEqualTo(1);
    }

    @Test
    void recordJoiningTwoProfilesMergesThemIntoTheKnownCustomer() {
        String ann = ingest.ingest(customer("customer_id", "C1", "first_name", "Ann", "city", "Graz")).profileId().orElseThrow();
        String bob = ingest.ingest(customer("email", "bob@example.com", "first_name", "Bob", "attributes.tier", "gold"))
                .profileId().orElseThrow();

        IngestResult result = ingest.ingest(customer("customer_id", "C1", "email", "bob@example.com", "first_name", "Zed"));

        assertThat(result.profileId()).contains(ann);
        Profile merged = profiles.only();
        assertThat(merged.identities()).containsExactlyInAnyOrder(
                new Identity("customer_id", "C1"), new Identity("email", "bob@example.com"));
        assertThat(merged.attributes()).containsEntry("first_name", "Zed").containsEntry("city", "Graz").containsEntry("tier", "gold");
        assertThat(profiles.find(bob)).map(Profile::id).contains(ann);
        assertThat(ingest.merges(ann)).singleElement().satisfies(m -> {
            assertThat(m.survivorId()).isEqualTo(ann);
            assertThat(m.absorbedId()).isEqualTo(bob);
            assertThat(m.reason()).contains("customer_id:C1").contains("email:bob@example.com").contains("csv:test.csv");
        });
        assertThat(ingest.stats().merges()).isEqualTo(1);
    }

    @Test
    void unmergeGivesTheAbsorbedProfileBackItsIdentitiesAndAttributes() {
        String ann = ingest.ingest(customer("customer_id", "C1", "first_name", "Ann")).profileId().orElseThrow();
        String bob = ingest.ingest(customer("email", "bob@example.com", "first_name", "Bob")).profileId().orElseThrow();
        ingest.ingest(customer("customer_id", "C1", "email", "bob@example.com"));
        String mergeId = ingest.merges(ann).get(0).id();

        var undone = ingest.unmerge(mergeId);

        assertThat(undone.revertedAt()).contains(NOW);
        assertThat(profiles.find(bob).orElseThrow().identities()).containsExactly(new Identity("email", "bob@example.com"));
        assertThat(profiles.find(bob).orElseThrow().attributes()).containsEntry("first_name", "Bob");
        assertThat(profiles.find(ann).orElseThrow().identities()).containsExactly(new Identity("customer_id", "C1"));
        assertThat(ingest.merge(mergeId)).hasValueSatisfying(m -> assertThat(m.active()).isFalse());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ingest.unmerge(mergeId)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void twoDifferentCustomersAreNeverMergedAndTheRecordIsKeptAsADeadLetter() {
        String ann = ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com")).profileId().orElseThrow();
        String bob = ingest.ingest(customer("customer_id", "C2", "email", "bob@example.com")).profileId().orElseThrow();

        IngestResult result = ingest.ingest(customer("customer_id", "C1", "email", "bob@example.com"));

        assertThat(result.isAccepted()).isFalse();
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("customer_id");
            assertThat(v.reason()).contains("C1").contains("C2").contains("profile " + bob).contains("never merged");
        });
        assertThat(profiles.find(ann).orElseThrow().identities()).hasSize(2);
        assertThat(profiles.find(bob).orElseThrow().identities()).hasSize(2);
        assertThat(ingest.deadLetters(java.util.Optional.empty(), 10)).singleElement()
                .satisfies(d -> assertThat(d.violations()).isEqualTo(result.violations()));
    }

    @Test
    void invalidRecordIsRejectedWithEveryViolationAndStoresNothing() {
        IngestResult result = ingest.ingest(customer("email", "ann@@x", "country", "Germany"));

        assertThat(result.violations()).extracting(v -> v.field()).containsExactly("email", "country");
        assertThat(profiles.count()).isZero();
        assertThat(ingest.stats()).isEqualTo(new IngestStats(0, 1, 0));
    }

    @Test
    void reingestingACustomerChangesNothing() {
        var record = customer("customer_id", "C1", "email", "ann@example.com", "first_name", "Ann",
                "email_marketing_consent", "granted", "consent_at", "2025-05-01T10:00:00Z");
        ingest.ingest(record);
        Profile first = profiles.only();
        int saves = profiles.saves.get();

        IngestResult again = ingest.ingest(record);

        assertThat(again.profileId()).contains(first.id());
        assertThat(profiles.only()).isEqualTo(first);
        assertThat(profiles.saves.get()).isEqualTo(saves);
        assertThat(consent.all()).hasSize(1);
    }

    @Test
    void consentIsRecordedOnceWithTimeAndSource() {
        var record = customer("email", "ann@example.com", "email_marketing_consent", "granted",
                "signed_up_at", "2025-01-01T08:00:00Z");
        String id = ingest.ingest(record).profileId().orElseThrow();
        ingest.ingest(record);

        assertThat(consent.all()).containsExactly(new ConsentRecord(id, "email_marketing", ConsentStatus.GRANTED,
                Instant.parse("2025-01-01T08:00:00Z"), "csv:test.csv:2"));
    }

    @Test
    void consentWithoutATimeUsesNowAndIsNotRepeated() {
        var record = customer("email", "ann@example.com", "email_marketing_consent", "pending");
        ingest.ingest(record);
        ingest.ingest(record);

        assertThat(consent.all()).singleElement().satisfies(r -> {
            assertThat(r.recordedAt()).isEqualTo(NOW);
            assertThat(r.status()).isEqualTo(ConsentStatus.PENDING);
        });
    }

    @Test
    void changedConsentIsAppended() {
        ingest.ingest(customer("email", "ann@example.com", "email_marketing_consent", "granted", "consent_at", "2025-01-01"));
        ingest.ingest(customer("email", "ann@example.com", "email_marketing_consent", "withdrawn", "consent_at", "2025-06-01"));
        ingest.ingest(customer("email", "ann@example.com", "email_marketing_consent", "granted", "consent_at", "2025-01-01"));

        assertThat(consent.all()).extracting(ConsentRecord::status)
                .containsExactly(ConsentStatus.GRANTED, ConsentStatus.WITHDRAWN);
        String id = profiles.only().id();
        assertThat(consent.check(id, "email_marketing").allowed()).isFalse();
    }

    @Test
    void orderForAnUnknownPersonCreatesAProfileAndAKeyedEvent() {
        var record = order("order_id", "O-7", "email", "carl@example.com", "ordered_at", "2026-02-01T09:30:00Z",
                "total", "49.90", "currency", "eur", "category", "outdoor");
        String id = ingest.ingest(record).profileId().orElseThrow();
        ingest.ingest(record);

        assertThat(profiles.only().identities()).containsExactly(new Identity("email", "carl@example.com"));
        assertThat(events.all()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("order:O-7");
            assertThat(e.profileId()).isEqualTo(id);
            assertThat(e.type()).isEqualTo("order");
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-02-01T09:30:00Z"));
            assertThat(e.properties()).containsEntry("order_id", "O-7").containsEntry("total", new BigDecimal("49.90"))
                    .containsEntry("currency", "EUR").containsEntry("category", "outdoor");
            assertThat(e.source()).isEqualTo("csv:test.csv");
        });
        assertThat(ingest.stats()).isEqualTo(new IngestStats(2, 0, 1, 1, 0));
    }

    @Test
    void eventForAnUnknownPersonCreatesAProfileAndReimportIsIdempotent() {
        var record = event("customer_id", "C5", "type", "product_viewed", "occurred_at", "2026-02-01T10:00:00Z",
                "properties.product_id", "P1", "properties.category", "outdoor");
        ingest.ingest(record);
        ingest.ingest(record);

        assertThat(profiles.only().identities()).containsExactly(new Identity("customer_id", "C5"));
        Event stored = events.all().get(0);
        assertThat(events.all()).hasSize(1);
        assertThat(stored.id()).startsWith("sha256:").hasSize("sha256:".length() + 64);
        assertThat(stored.properties()).containsEntry("product_id", "P1").containsEntry("category", "outdoor");
    }

    @Test
    void eventIdIsUsedWhenGivenAndHashesDifferForDifferentContent() {
        ingest.ingest(event("customer_id", "C5", "event_id", "e-1", "type", "click", "occurred_at", "2026-02-01"));
        ingest.ingest(event("customer_id", "C5", "type", "click", "occurred_at", "2026-02-01", "properties.url", "/a"));
        ingest.ingest(event("customer_id", "C5", "type", "click", "occurred_at", "2026-02-01", "properties.url", "/b"));

        assertThat(events.all()).extracting(Event::id).hasSize(3).contains("e-1");
    }

    @Test
    void eventsOfAKnownPersonGoToTheirProfile() {
        String id = ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com")).profileId().orElseThrow();
        ingest.ingest(event("email", "Ann@Example.com", "type", "click", "occurred_at", "2026-02-01"));

        assertThat(events.all()).singleElement().extracting(Event::profileId).isEqualTo(id);
        assertThat(ingest.stats().profilesCreated()).isEqualTo(1);
    }

    @Test
    void concurrentRecordsForTheSameNewPersonCreateOneProfile() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IngestResult>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return ingest.ingest(event("email", "dora@example.com", "type", "click",
                            "occurred_at", "2026-02-01", "properties.n", String.valueOf(n)));
                }));
            }
            start.countDown();
            for (Future<IngestResult> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS).isAccepted()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(profiles.count()).isEqualTo(1);
        assertThat(events.count()).isEqualTo(threads);
        assertThat(ingest.stats()).isEqualTo(new IngestStats(threads, 0, 1));
    }

    @Test
    void consentSourceUsesTheLineNumber() {
        assertThat(RecordIngestService.consentSource(customer("email", "a@b.co"))).isEqualTo("csv:test.csv:2");
    }
}
