package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.consent.internal.ConsentFixture.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.consent.ErasureParticipant;
import org.tailor.api.consent.SubjectExport;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Order;
import org.tailor.api.model.SubjectRequest;

class SubjectRequestsTest {

    private final ConsentFixture fixture = new ConsentFixture();
    private SubjectRequests requests;
    private final List<Set<String>> participantCalls = new ArrayList<>();

    @BeforeEach
    void person() {
        var stores = fixture.stores;
        requests = new SubjectRequests(new SubjectRequests.Stores(stores.requests, stores.people, stores.profiles,
                stores.events, stores.orders, fixture.consentStore), fixture.ledger, fixture.suppressions, fixture.cache, fixture.clock);
        fixture.person("ann", "ann@example.com");
        fixture.person("ann-web", "ann.web@example.com");
        stores.events.append(new Event("e1", "ann-web", "page_viewed", T0, Map.of("page", "/tents"), "collector:web"));
        stores.orders.save(new Order("o1", "ann", T0, "EUR", new BigDecimal("89.90"), List.of(), "csv:orders.csv:2"));
        stores.outbox.enqueue(new OutboxEntry("k1", "spring", "ann", "ann@example.com",
                "Subject: Spring picks\r\n\r\nHello Ann".getBytes(StandardCharsets.US_ASCII), OutboxStatus.SENT, T0, ""));
        fixture.ledger.record(new ConsentRecord("ann", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "csv"));
        stores.profiles.merge("ann", "ann-web", "identify call", T0.plusSeconds(1));
        fixture.clock.advance(Duration.ofMinutes(1));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void anExportHoldsEverythingAboutThePersonAndIsLogged() throws Exception {
        SubjectExport export = requests.export("ann-web", "karaf");

        assertThat(export.request().state()).isEqualTo(SubjectRequest.State.DONE);
        assertThat(export.request().completedAt()).contains(fixture.clock.instant());
        JsonNode json = new ObjectMapper().readTree(export.json());
        assertThat(json.at("/profile/id").asText()).isEqualTo("ann");
        assertThat(json.at("/profile/merged_profile_ids/0").asText()).isEqualTo("ann-web");
        assertThat(json.at("/profile/attributes/first_name").asText()).isEqualTo("ann");
        assertThat(json.get("identities").findValuesAsText("value"))
                .containsExactlyInAnyOrder("ann@example.com", "ann.web@example.com");
        assertThat(json.at("/events/0/properties/page").asText()).isEqualTo("/tents");
        assertThat(json.at("/orders/0/total").decimalValue()).isEqualByComparingTo("89.90");
        assertThat(json.at("/consents/0/status").asText()).isEqualTo("GRANTED");
        assertThat(json.at("/messages/0/message").asText()).contains("Hello Ann");
        assertThat(json.get("address_suppressed").asBoolean()).isFalse();
        assertThat(requests.find(export.request().id())).contains(export.request());
    }

    @Test
    void erasureLeavesOnlyTheSuppressionHashAndTheConsentProof() {
        requests.addParticipant(participant("rendered-files", 3));
        SubjectRequest done = requests.erase("ann", "karaf");

        assertThat(done.state()).isEqualTo(SubjectRequest.State.DONE);
        assertThat(done.completedAt()).isPresent();
        assertThat(done.detail()).contains("profiles 2", "events 1", "orders 1", "outbox 1", "rendered-files 3",
                "suppressed 2 addresses").doesNotContain("@");
        assertThat(participantCalls).containsExactly(Set.of("ann", "ann-web"));
        assertThat(fixture.stores.profiles.find("ann")).isEmpty();
        assertThat(fixture.stores.events.eventsOf("ann", Instant.EPOCH)).isEmpty();
        assertThat(fixture.stores.people.outboxOf(Set.of("ann"))).isEmpty();
        assertThat(fixture.suppressions.find("Ann@Example.com")).isPresent();
        assertThat(fixture.ledger.history("ann")).hasSize(2).last().satisfies(r -> {
            assertThat(r.status()).as("the kept proof does not read as consent in force").isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(r.source()).isEqualTo("erasure " + done.id());
        });
        assertThat(fixture.ledger.check("ann", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();

        // The same address comes back in a later import, consent and all: it is still never mailed.
        fixture.person("ann-again", "ann@example.com");
        fixture.ledger.record(new ConsentRecord("ann-again", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED,
                fixture.clock.instant(), "csv:customers.csv:7"));
        assertThat(fixture.ledger.check("ann-again", ConsentRecord.EMAIL_MARKETING).allowed()).isFalse();

        List<AuditEntry> chain = new ArrayList<>();
        fixture.stores.audit.forEach(1, chain::add);
        assertThat(chain).extracting(AuditEntry::kind).contains("subject_request", "erasure", "suppression");
        assertThat(chain).noneMatch(e -> e.detail().contains("@example.com"));
        assertThat(new ChainVerifier(fixture.stores.audit).verify().intact()).isTrue();
    }

    @Test
    void aFailedParticipantFailsTheRequestWhichCanBeRunAgain() {
        ErasureParticipant unreachable = new ErasureParticipant() {
            @Override
            public String name() {
                return "partner-crm";
            }

            @Override
            public long erase(Set<String> profileIds, Set<String> addresses) {
                throw new IllegalStateException("partner CRM unreachable");
            }
        };
        requests.addParticipant(unreachable);
        SubjectRequest failed = requests.erase("ann", "karaf");
        assertThat(failed.state()).isEqualTo(SubjectRequest.State.FAILED);
        assertThat(failed.detail()).contains("partner CRM unreachable");

        requests.removeParticipant(unreachable);
        fixture.clock.advance(Duration.ofMinutes(1));
        requests.addParticipant(participant("partner-crm", 1));
        SubjectRequest again = requests.erase("ann", "karaf");
        assertThat(again.state()).isEqualTo(SubjectRequest.State.DONE);
        assertThat(again.detail()).contains("profiles 0", "partner-crm 1");
        assertThat(requests.list(10)).extracting(SubjectRequest::id).containsExactly(again.id(), failed.id());
    }

    @Test
    void anExportOfAnUnknownProfileFailsWithTheReason() {
        SubjectExport export = requests.export("nobody", "karaf");
        assertThat(export.request().state()).isEqualTo(SubjectRequest.State.FAILED);
        assertThat(export.request().detail()).contains("no profile has id nobody");
        assertThat(export.json()).isEmpty();
    }

    private ErasureParticipant participant(String name, long erased) {
        return new ErasureParticipant() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long erase(Set<String> profileIds, Set<String> addresses) {
                participantCalls.add(profileIds);
                return erased;
            }
        };
    }
}
