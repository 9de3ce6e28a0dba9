package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcPersonalDataStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private JdbcStore db;
    private JdbcProfileStore profiles;
    private JdbcEventStore events;
    private JdbcOrderStore orders;
    private JdbcOutboxStore outbox;
    private JdbcConsentStore consent;
    private JdbcPersonalDataStore personal;

    @BeforeEach
    void open() {
        db = database.open();
        profiles = new JdbcProfileStore(db);
        events = new JdbcEventStore(db);
        orders = new JdbcOrderStore(db);
        outbox = new JdbcOutboxStore(db);
        consent = new JdbcConsentStore(db);
        personal = new JdbcPersonalDataStore(db);
        for (String id : List.of("ann", "ann-phone", "bob")) {
            profiles.save(new Profile(id, Set.of(new Identity("email", id + "@example.com")), Map.of("city", "Graz"),
                    T0, T0));
            events.append(new Event("e-" + id, id, "page_viewed", T0, Map.of("page", "/"), "test"));
            orders.save(new Order("o-" + id, id, T0, "EUR", new BigDecimal("10.00"), List.of(), "test"));
            outbox.enqueue(new OutboxEntry("k-" + id, "spring", id, id + "@example.com",
                    "Subject: hi\r\n\r\nHi".getBytes(StandardCharsets.US_ASCII), OutboxStatus.PENDING, T0, ""));
            consent.append(new ConsentRecord(id, ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED, T0, "test"));
        }
        profiles.merge("ann", "ann-phone", "same email", T0.plusSeconds(1));
        new JdbcScoreStore(db).replace("rfm", Map.of("ann", new BigDecimal("3"), "bob", new BigDecimal("1")), T0);
        new JdbcMembershipStore(db).apply(List.of(new MembershipChange("vip", "ann", true, T0),
                new MembershipChange("vip", "bob", true, T0)));
    }

    @Test
    void aPersonIsTheLiveProfileAndEverythingMergedIntoIt() {
        assertThat(personal.personIds("ann")).containsExactlyInAnyOrder("ann", "ann-phone");
        assertThat(personal.personIds("ann-phone")).containsExactlyInAnyOrder("ann", "ann-phone");
        assertThat(personal.personIds("bob")).containsExactly("bob");
        assertThat(personal.personIds("nobody")).isEmpty();
    }

    @Test
    void theOutboxIsReadForEveryIdOfThePerson() {
        assertThat(personal.outboxOf(Set.of("ann", "ann-phone"))).extracting(OutboxEntry::idempotencyKey)
                .containsExactlyInAnyOrder("k-ann", "k-ann-phone");
    }

    @Test
    void erasureRemovesThePersonEverywhereButKeepsConsentAndOthers() {
        Map<String, Long> erased = personal.erase(Set.of("ann", "ann-phone"), "dsr-1", T0.plusSeconds(60));

        assertThat(erased).containsEntry("profiles", 2L).containsEntry("events", 2L).containsEntry("orders", 2L)
                .containsEntry("outbox", 2L).containsEntry("profile_merges", 1L).containsEntry("profile_scores", 1L)
                .containsEntry("segment_members", 1L);
        assertThat(profiles.find("ann")).isEmpty();
        assertThat(profiles.find("ann-phone")).isEmpty();
        assertThat(profiles.findByIdentity(new Identity("email", "ann@example.com"))).isEmpty();
        assertThat(events.eventsOf("ann", Instant.EPOCH)).isEmpty();
        assertThat(orders.ordersOf("ann")).isEmpty();
        assertThat(personal.outboxOf(Set.of("ann", "ann-phone"))).isEmpty();
        assertThat(consent.historyOf(List.of("ann", "ann-phone"))).hasSize(2);

        assertThat(profiles.find("bob")).isPresent();
        assertThat(events.eventsOf("bob", Instant.EPOCH)).hasSize(1);
        assertThat(orders.ordersOf("bob")).hasSize(1);
        assertThat(personal.outboxOf(Set.of("bob"))).hasSize(1);

        List<AuditEntry> chain = new ArrayList<>();
        new JdbcAuditLogStore(db).forEach(1, chain::add);
        AuditEntry last = chain.get(chain.size() - 1);
        assertThat(last.kind()).isEqualTo("erasure");
        assertThat(last.subject()).isEqualTo("dsr-1");
        assertThat(last.detail()).contains("profiles 2").doesNotContain("@example.com");
    }

    @Test
    void historyOfSeveralProfilesIsOneTimeline() {
        consent.append(new ConsentRecord("ann-phone", ConsentRecord.EMAIL_MARKETING, ConsentStatus.WITHDRAWN,
                T0.plusSeconds(5), "test"));
        assertThat(consent.historyOf(List.of("ann", "ann-phone"))).extracting(ConsentRecord::profileId)
                .containsExactly("ann", "ann-phone", "ann-phone");
    }
}
