package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.ingest.internal.Records.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.DeadLetter;

class DeadLetterTest {

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryDeadLetterStore store = new InMemoryDeadLetterStore();
    final RecordIngestService ingest = new RecordIngestService(profiles, new InMemoryEventStore(), new InMemoryOrderStore(),
            store, new InMemoryConsentService(), Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void aRejectedRecordIsKeptWithSourcePositionFieldAndReason() {
        ingest.ingest(customer("customer_id", "C1", "country", "Germany"));

        assertThat(ingest.deadLetters(Optional.of("csv:test.csv"), 10)).singleElement().satisfies(letter -> {
            assertThat(letter.record().source()).isEqualTo("csv:test.csv");
            assertThat(letter.record().position()).isEqualTo("line 2");
            assertThat(letter.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("country");
                assertThat(v.reason()).contains("'Germany'");
            });
            assertThat(letter.state()).isEqualTo(DeadLetter.State.OPEN);
        });
        assertThat(ingest.deadLetters(Optional.of("other"), 10)).isEmpty();
    }

    @Test
    void rejectingTheSameRecordAgainKeepsOneDeadLetter() {
        ingest.ingest(customer("customer_id", "C1", "country", "Germany"));
        ingest.ingest(customer("customer_id", "C1", "country", "Germany"));

        assertThat(ingest.deadLetters(Optional.empty(), 10)).hasSize(1);
        assertThat(ingest.stats().rejected()).isEqualTo(2);
    }

    @Test
    void replayAfterTheCauseIsFixedAcceptsItAndClosesTheLetter() {
        ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com"));
        ingest.ingest(customer("customer_id", "C2", "email", "ann@example.com")); // conflict: ann's email is C1's
        long id = ingest.deadLetters(Optional.empty(), 10).get(0).id();

        var again = ingest.replay(id);
        assertThat(again.isAccepted()).isFalse();
        assertThat(store.find(id).orElseThrow().note()).contains("rejected again");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(DeadLetter.State.OPEN);

        // The admin fixes the cause: the email really moved to customer C2.
        String c1 = profiles.findByIdentity(new org.tailor.api.model.Identity("customer_id", "C1")).orElseThrow().id();
        var p = profiles.find(c1).orElseThrow();
        profiles.save(new org.tailor.api.model.Profile(p.id(), java.util.Set.of(new org.tailor.api.model.Identity("customer_id", "C1")),
                p.attributes(), p.createdAt(), p.updatedAt()));

        var replayed = ingest.replay(id);
        assertThat(replayed.isAccepted()).isTrue();
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(DeadLetter.State.REPLAYED);
        assertThat(ingest.deadLetters(Optional.empty(), 10)).isEmpty();
        assertThatThrownBy(() -> ingest.replay(id)).hasMessageContaining("is replayed already");
    }

    @Test
    void discardSetsALetterAsideWithANote() {
        ingest.ingest(customer("customer_id", "C1", "country", "Germany"));
        long id = ingest.deadLetters(Optional.empty(), 10).get(0).id();

        ingest.discard(id, "test row from the CRM export");

        assertThat(store.find(id).orElseThrow().state()).isEqualTo(DeadLetter.State.DISCARDED);
        assertThat(store.find(id).orElseThrow().note()).contains("test row from the CRM export");
        assertThatThrownBy(() -> ingest.discard(id, "again")).hasMessageContaining("discarded already");
        assertThatThrownBy(() -> ingest.replay(999)).hasMessageContaining("there is no dead letter 999");
    }
}
