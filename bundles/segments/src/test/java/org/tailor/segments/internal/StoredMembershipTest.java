package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.MembershipUpdate;
import org.tailor.segments.internal.Fixtures.InMemoryEventStore;
import org.tailor.segments.internal.Fixtures.InMemoryMembershipStore;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.Fixtures.MutableClock;

class StoredMembershipTest {

    @TempDir
    Path directory;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final InMemoryMembershipStore membership = new InMemoryMembershipStore();
    final ScoringFixtures.InMemoryScoreStore scores = new ScoringFixtures.InMemoryScoreStore();
    final Fixtures.InMemoryConsentService consents = new Fixtures.InMemoryConsentService();
    final MutableClock clock = new MutableClock(NOW);
    final List<List<MembershipChange>> published = new ArrayList<>();
    RuleSegmentService service;

    @BeforeEach
    void start() {
        profiles.add(berliner("ann"), berliner("bob"), profile("cem", Map.of("city", "Wien")));
        service = new RuleSegmentService(Fixtures.config(map("directory", directory.toString(), "reload.ms", 0)),
                profiles, events, scores, consents, membership, clock);
        service.addMembershipListener(published::add);
    }

    @AfterEach
    void stop() {
        service.deactivate();
    }

    @Test
    void savingASegmentStoresItsMembershipAndPublishesTheEntries() {
        SegmentDefinition saved = service.save("berlin.seg", "name \"Berliners\"\ncity = \"Berlin\"\n");

        assertThat(saved.id()).isEqualTo("berlin");
        assertThat(Files.exists(directory.resolve("berlin.seg"))).isTrue();
        assertThat(service.size("berlin")).isEqualTo(2);
        assertThat(service.segmentsOf("ann")).containsExactly("berlin");
        assertThat(published).singleElement().asList().containsExactlyInAnyOrder(
                new MembershipChange("berlin", "ann", true, NOW), new MembershipChange("berlin", "bob", true, NOW));
    }

    @Test
    void recomputeRecordsWhoEnteredAndLeftAndWhen() {
        service.save("berlin.seg", "city = \"Berlin\"");
        profiles.add(profile("bob", Map.of("city", "Hamburg")), berliner("cem"));
        clock.set(NOW.plus(Duration.ofHours(1)));

        MembershipUpdate update = service.recompute("berlin");

        assertThat(update).extracting(MembershipUpdate::members, MembershipUpdate::entered, MembershipUpdate::left)
                .containsExactly(2L, 1L, 1L);
        Instant later = NOW.plus(Duration.ofHours(1));
        assertThat(service.changes("berlin", later, 10)).containsExactlyInAnyOrder(
                new MembershipChange("berlin", "cem", true, later), new MembershipChange("berlin", "bob", false, later));
        assertThat(service.recompute("berlin").entered()).isZero();
    }

    @Test
    void aFileThatDoesNotParseIsNeitherWrittenNorInForce() {
        service.save("berlin.seg", "city = \"Berlin\"");

        assertThatThrownBy(() -> service.save("berlin.seg", "city = "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("berlin.seg:1:");
        assertThat(service.size("berlin")).isEqualTo(2);
        assertThat(service.isMember("berlin", profiles.find("ann").orElseThrow())).isTrue();
        assertThatThrownBy(() -> service.save("Berlin.txt", "city = \"Berlin\"")).hasMessageContaining("<id>.json or <id>.seg");
    }

    @Test
    void anEditThatWouldCloseACycleIsTakenBack() throws Exception {
        service.save("a.seg", "city = \"Berlin\"");
        service.save("b.seg", "segment \"a\"");

        assertThatThrownBy(() -> service.save("a.seg", "segment \"b\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
        assertThat(Files.readString(directory.resolve("a.seg"))).isEqualTo("city = \"Berlin\"");
        assertThat(service.size("b")).isEqualTo(2);
    }

    @Test
    void deletingIsRefusedWhileOthersReferToTheSegmentAndThenEmptiesIt() {
        service.save("a.seg", "city = \"Berlin\"");
        service.save("b.seg", "segment \"a\"");

        assertThatThrownBy(() -> service.delete("a")).hasMessageContaining("used by [b]");
        assertThat(service.delete("b")).isTrue();
        assertThat(service.delete("a")).isTrue();

        assertThat(service.segments()).isEmpty();
        assertThat(membership.size("a")).isZero();
        assertThat(service.changes("a", Instant.EPOCH, 10)).filteredOn(c -> !c.entered()).hasSize(2);
        assertThat(service.delete("a")).isFalse();
    }

    @Test
    void aSnapshotKeepsItsMembersWhenTheSegmentChanges() {
        service.save("berlin.seg", "city = \"Berlin\"");
        clock.set(NOW.plusSeconds(60));

        SegmentDefinition snapshot = service.snapshot("berlin", "berlin-june");
        profiles.add(profile("ann", Map.of("city", "Paris")));
        service.recompute("berlin");

        assertThat(snapshot.description()).contains("berlin", "2 profiles", "static");
        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("berlin", "berlin-june");
        List<String> members = new ArrayList<>();
        assertThat(service.forEachMember("berlin-june", p -> members.add(p.id()))).isEqualTo(2);
        assertThat(members).containsExactlyInAnyOrder("ann", "bob");
        assertThat(service.size("berlin")).isEqualTo(1);
        assertThat(service.isMember("berlin-june", profiles.find("ann").orElseThrow())).isTrue();
        assertThat(service.explain("berlin-june", profiles.find("ann").orElseThrow()).detail())
                .isEqualTo("was a member of segment berlin at " + NOW.plusSeconds(60));
        assertThat(service.recompute("berlin-june").members()).isEqualTo(2);
        assertThatThrownBy(() -> service.snapshot("berlin", "berlin-june")).hasMessageContaining("in use");
        assertThatThrownBy(() -> service.save("berlin-june.seg", "city = \"x\"")).hasMessageContaining("static segment");
    }

    @Test
    void deletingASnapshotEmptiesIt() {
        service.save("berlin.seg", "city = \"Berlin\"");
        service.snapshot("berlin", "frozen");

        assertThat(service.delete("frozen")).isTrue();

        assertThat(service.segment("frozen")).isEmpty();
        assertThat(membership.size("frozen")).isZero();
        assertThat(service.size("berlin")).isEqualTo(2);
    }

    @Test
    void rulesReadScoresAndConsentFromTheirServices() {
        scores.replace("engagement", Map.of("ann", new java.math.BigDecimal("72.5"), "bob", java.math.BigDecimal.TEN), NOW);
        consents.record(new org.tailor.api.model.ConsentRecord("ann", "email_marketing",
                org.tailor.api.model.ConsentStatus.GRANTED, NOW.minusSeconds(60), "test"));
        consents.record(new org.tailor.api.model.ConsentRecord("cem", "email_marketing",
                org.tailor.api.model.ConsentStatus.GRANTED, NOW.minusSeconds(60), "test"));

        service.save("engaged.seg", "score engagement >= 50 and consent email_marketing is granted");

        assertThat(service.segmentsOf("ann")).containsExactly("engaged");
        assertThat(service.size("engaged")).isEqualTo(1);
        assertThat(service.explain("engaged", profiles.find("bob").orElseThrow()).children())
                .extracting(org.tailor.api.segment.ExplainStep::detail)
                .containsExactly("engagement is 10", "latest is unknown (no record for email_marketing)");
    }

    @Test
    void aSnapshotFileThatIsNotOneIsReportedNotSilentlyIgnored() throws Exception {
        Files.writeString(directory.resolve("frozen.snapshot"), "of=berlin\nat=yesterday\nmembers=2\n");

        assertThat(service.segment("frozen")).isEmpty();
        assertThat(service.problems()).containsExactly("frozen.snapshot:1:1: not a static segment, so it is ignored: "
                + "'at' must be an instant such as 2026-01-01T00:00:00Z, got 'yesterday'");
    }

    private static Profile berliner(String id) {
        return profile(id, Map.of("city", "Berlin"));
    }
}
