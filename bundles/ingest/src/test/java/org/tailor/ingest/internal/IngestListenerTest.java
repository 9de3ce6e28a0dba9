package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.ingest.internal.Records.alias;
import static org.tailor.ingest.internal.Records.customer;
import static org.tailor.ingest.internal.Records.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.IngestListener;
import org.tailor.api.model.Event;

class IngestListenerTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final RecordIngestService ingest = new RecordIngestService(profiles, events, new InMemoryOrderStore(),
            new InMemoryDeadLetterStore(), new InMemoryConsentService(), Clock.fixed(NOW, ZoneOffset.UTC));
    final List<Set<String>> profilesTold = new ArrayList<>();
    final List<List<Event>> eventsTold = new ArrayList<>();
    final IngestListener listener = (profileIds, newEvents) -> {
        profilesTold.add(profileIds);
        eventsTold.add(newEvents);
    };

    @Test
    void toldOnceAfterEachCallWithTheChangedProfilesAndOnlyTheNewEvents() {
        ingest.addListener(listener);
        String ann = ingest.ingest(customer("customer_id", "C1", "first_name", "Ann")).profileId().orElseThrow();

        ingest.ingestAll(List.of(
                event("customer_id", "C1", "event_id", "e-1", "type", "click", "occurred_at", "2026-02-01"),
                event("customer_id", "C1", "event_id", "e-1", "type", "click", "occurred_at", "2026-02-01"),
                customer("customer_id", "C1", "first_name", "Ann")));
        ingest.ingest(customer("customer_id", "C1", "first_name", "Anna"));
        ingest.ingest(event("customer_id", "C1", "event_id", "e-1", "type", "click", "occurred_at", "2026-02-01"));

        assertThat(profilesTold).containsExactly(Set.of(ann), Set.of(), Set.of(ann));
        assertThat(eventsTold.get(0)).isEmpty();
        assertThat(eventsTold.get(1)).extracting(Event::id).containsExactly("e-1");
        assertThat(eventsTold.get(1)).extracting(Event::profileId).containsExactly(ann);
        assertThat(eventsTold.get(2)).isEmpty();
    }

    @Test
    void aMergeTellsTheSurvivorAndTheAbsorbed() {
        String visitor = ingest.ingest(event("anonymous_id", "a-1", "type", "page_viewed",
                "occurred_at", "2026-02-28T10:00:00Z")).profileId().orElseThrow();
        String ann = ingest.ingest(customer("customer_id", "C1", "email", "ann@example.com")).profileId().orElseThrow();
        ingest.addListener(listener);

        ingest.ingest(alias("customer_id", "C1", "previous_id", "a-1"));

        assertThat(profilesTold).hasSize(1);
        assertThat(profilesTold.get(0)).contains(visitor, ann);
    }

    @Test
    void rejectedRecordsAndRemovedListenersTellNothing() {
        ingest.addListener(listener);
        ingest.ingest(customer("first_name", "Nobody"));
        ingest.removeListener(listener);
        ingest.ingest(customer("customer_id", "C1"));

        assertThat(profilesTold).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotFailTheIngest() {
        ingest.addListener((profileIds, newEvents) -> {
            throw new IllegalStateException("listener bug");
        });
        ingest.addListener(listener);

        assertThat(ingest.ingest(customer("customer_id", "C1")).isAccepted()).isTrue();
        assertThat(profilesTold).hasSize(1);
        assertThat(profiles.only().identity("customer_id")).contains("C1");
    }
}
