package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;
import static org.tailor.segments.internal.Fixtures.viewed;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.segment.MembershipChange;
import org.tailor.segments.internal.Fixtures.InMemoryEventStore;
import org.tailor.segments.internal.Fixtures.InMemoryMembershipStore;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.Fixtures.MutableClock;

/** The service with live membership: what ingest and time change is stored and published without a recompute. */
class LiveSegmentServiceTest {

    @TempDir
    Path directory;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final InMemoryMembershipStore membership = new InMemoryMembershipStore();
    final ScoringFixtures.InMemoryScoreStore scores = new ScoringFixtures.InMemoryScoreStore();
    final Fixtures.InMemoryConsentService consents = new Fixtures.InMemoryConsentService();
    final MutableClock clock = new MutableClock(NOW);
    final List<MembershipChange> published = new ArrayList<>();
    RuleSegmentService service;

    @BeforeEach
    void start() throws Exception {
        java.nio.file.Files.writeString(directory.resolve("browsers.seg"),
                "event product_viewed where category = \"outdoor\" >= 2 times within 7 days");
        java.nio.file.Files.writeString(directory.resolve("engaged.seg"),
                "score engagement >= 50 and consent email_marketing is granted");
        profiles.add(profile("ann"), profile("bob"));
        events.add(viewed("ann", "outdoor", NOW.minus(Duration.ofDays(1))), viewed("ann", "outdoor", NOW.minus(Duration.ofDays(6))));
        scores.replace("engagement", Map.of("bob", new BigDecimal("80")), NOW);
        service = new RuleSegmentService(Fixtures.config(map("directory", directory.toString(), "reload.ms", 0,
                "live.enabled", true)), profiles, events, scores, consents, membership, clock);
        service.addMembershipListener(published::addAll);
        service.start();
        service.reload();
    }

    @AfterEach
    void stop() {
        service.deactivate();
    }

    @Test
    void loadingStoresTheMembershipTheStoreHolds() {
        assertThat(service.segmentsOf("ann")).containsExactly("browsers");
        assertThat(service.size("engaged")).isZero();
        assertThat(published).containsExactly(new MembershipChange("browsers", "ann", true, NOW));
    }

    @Test
    void anIngestedEventChangesMembershipWithoutARecompute() {
        Event second = viewed("bob", "outdoor", NOW.minusSeconds(60));
        events.add(viewed("bob", "outdoor", NOW.minus(Duration.ofDays(2))), second);
        clock.set(NOW.plusSeconds(30));

        service.ingested(Set.of(), events.events.subList(events.events.size() - 2, events.events.size()));
        service.reload();

        assertThat(service.segmentsOf("bob")).containsExactly("browsers");
        assertThat(published).contains(new MembershipChange("browsers", "bob", true, NOW.plusSeconds(30)));
    }

    @Test
    void aChangedProfileIsReadAgainWithItsScoresAndConsent() {
        consents.record(new ConsentRecord("bob", "email_marketing", ConsentStatus.GRANTED, NOW, "form"));
        clock.set(NOW.plusSeconds(30));

        service.ingested(Set.of("bob"), List.of());
        service.reload();

        assertThat(service.segmentsOf("bob")).containsExactly("engaged");
    }

    @Test
    void theSweepLetsMembersLeaveAsTheirEventsLeaveTheWindow() {
        clock.set(NOW.plus(Duration.ofDays(2)));

        assertThat(service.recompute("browsers").left()).isEqualTo(1);
        assertThat(service.segmentsOf("ann")).isEmpty();
        List<String> members = new ArrayList<>();
        assertThat(service.forEachMember("browsers", p -> members.add(p.id()))).isZero();
    }
}
