package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;

/** What {@link LiveMembership} reports as data arrives and time passes, case by case. */
class LiveMembershipTest {

    private static final Instant NOW = Fixtures.NOW;

    private final MemoryStores stores = new MemoryStores();

    private static Segment segment(String id, String text) {
        try {
            return new Segment(id, id, "", RuleTextParser.parseRule(id + ".seg", text));
        } catch (SegmentFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private LiveMembership loaded(Instant at, Segment... segments) {
        LiveMembership live = new LiveMembership(stores.profiles, stores.events, 1);
        live.load(List.of(segments), at);
        return live;
    }

    private Event stored(Event event) {
        stores.events.append(event);
        return event;
    }

    private static MembershipChange entered(String segment, String profile, Instant at) {
        return new MembershipChange(segment, profile, true, at);
    }

    private static MembershipChange left(String segment, String profile, Instant at) {
        return new MembershipChange(segment, profile, false, at);
    }

    @Test
    void aWindowLetsGoOfAProfileAtTheSweepAfterItsLastEventLeaves() {
        stores.profiles.save(Fixtures.profile("p1"));
        Instant ordered = NOW.minus(Duration.ofDays(6));
        stored(Fixtures.order("p1", "outdoor", ordered));
        try (LiveMembership live = loaded(NOW, segment("recent", "event order within 7 days"))) {
            assertThat(live.isMember("recent", "p1")).isTrue();
            Instant lastInstant = ordered.plus(Duration.ofDays(7));
            assertThat(live.sweep(lastInstant)).isEmpty();
            Instant after = lastInstant.plusNanos(1);
            assertThat(live.sweep(after)).containsExactly(left("recent", "p1", after));
            assertThat(live.isMember("recent", "p1")).isFalse();
        }
    }

    @Test
    void anEventReTestsOnlyTheSegmentsThatReadItsType() {
        stores.profiles.save(Fixtures.profile("p1", Map.of("city", "Wien")));
        try (LiveMembership live = loaded(NOW, segment("berlin", "city = \"Berlin\""), segment("buyers", "event order"))) {
            // The store changed the city but ingest did not report the profile: only the event is news.
            stores.profiles.save(Fixtures.profile("p1", Map.of("city", "Berlin")));
            Event order = stored(Fixtures.order("p1", "outdoor", NOW));
            assertThat(live.onIngest(Set.of(), List.of(order), NOW)).containsExactly(entered("buyers", "p1", NOW));
            assertThat(live.onIngest(Set.of("p1"), List.of(), NOW)).containsExactly(entered("berlin", "p1", NOW));
        }
    }

    @Test
    void aChangeToAReferencedSegmentReTestsTheSegmentsReferringToIt() {
        stores.profiles.save(Fixtures.profile("p1", Map.of("country", "DE")));
        try (LiveMembership live = loaded(NOW, segment("buyers", "event order"), segment("vip", "segment \"buyers\" and country = \"DE\""))) {
            Event order = stored(Fixtures.order("p1", "outdoor", NOW));
            assertThat(live.onIngest(Set.of(), List.of(order), NOW))
                    .containsExactly(entered("buyers", "p1", NOW), entered("vip", "p1", NOW));
            assertThat(live.remove("buyers", NOW)).containsExactly(left("buyers", "p1", NOW), left("vip", "p1", NOW));
            assertThat(live.define(segment("buyers", "event order where category = \"outdoor\""), NOW))
                    .containsExactly(entered("buyers", "p1", NOW), entered("vip", "p1", NOW));
        }
    }

    @Test
    void anAbsorbedProfileLeavesAndItsEventsCountForTheSurvivor() {
        stores.profiles.save(Fixtures.profile("p1"));
        stores.profiles.save(Fixtures.profile("p2"));
        stored(Fixtures.order("p1", "outdoor", NOW.minus(Duration.ofDays(1))));
        stored(Fixtures.order("p2", "kitchen", NOW.minus(Duration.ofDays(2))));
        try (LiveMembership live = loaded(NOW, segment("buyers", "event order"), segment("regulars", "event order >= 2 times"))) {
            stores.merge("p1", "p2");
            assertThat(live.onIngest(Set.of("p1", "p2"), List.of(), NOW))
                    .containsExactlyInAnyOrder(left("buyers", "p2", NOW), entered("regulars", "p1", NOW));
            assertThat(live.memberCount("buyers")).isEqualTo(1);
        }
    }

    @Test
    void anAbandonedCartCountsOnceItsHoursHavePassed() {
        stores.profiles.save(Fixtures.profile("p1"));
        try (LiveMembership live = loaded(NOW, segment("abandoned", "event cart_added then no event order within 4 hours"))) {
            Event cart = stored(Fixtures.event("p1", "cart_added", NOW, Map.of()));
            assertThat(live.onIngest(Set.of(), List.of(cart), NOW)).isEmpty();
            Instant deadline = NOW.plus(Duration.ofHours(4));
            assertThat(live.sweep(deadline.minusMillis(1))).isEmpty();
            assertThat(live.sweep(deadline)).containsExactly(entered("abandoned", "p1", deadline));
        }
    }

    @Test
    void aBirthdayIsTodayFromMidnightInTheProfilesZone() {
        LocalDate tomorrow = LocalDate.of(2025, 6, 16);
        stores.profiles.save(Fixtures.profile("p1", Map.of("birth_date", tomorrow.minusYears(30), "time_zone", "Pacific/Kiritimati")));
        stores.profiles.save(Fixtures.profile("p2", Map.of("birth_date", tomorrow.minusYears(30), "time_zone", "America/Los_Angeles")));
        Instant evening = Instant.parse("2025-06-15T09:00:00Z");
        try (LiveMembership live = loaded(evening, segment("birthday", "birthday in next 0 days"))) {
            assertThat(live.memberCount("birthday")).isZero();
            // Midnight in Kiritimati (UTC+14) is 10:00 UTC; Los Angeles is still on the 15th.
            Instant midnight = Instant.parse("2025-06-15T10:00:00Z");
            assertThat(live.sweep(midnight)).containsExactly(entered("birthday", "p1", midnight));
        }
    }

    @Test
    void aNewProfileIsTestedAgainstEverySegment() {
        try (LiveMembership live = loaded(NOW, segment("everyone", "all()"), segment("no-orders", "no event order"))) {
            Profile profile = Fixtures.profile("p9");
            stores.profiles.save(profile);
            assertThat(live.onIngest(Set.of("p9"), List.of(), NOW))
                    .containsExactly(entered("everyone", "p9", NOW), entered("no-orders", "p9", NOW));
        }
    }

    @Test
    void timeNeverMovesBack() {
        stores.profiles.save(Fixtures.profile("p1"));
        stored(Fixtures.order("p1", "outdoor", NOW.minus(Duration.ofDays(6))));
        try (LiveMembership live = loaded(NOW, segment("recent", "event order within 7 days"))) {
            Instant later = NOW.plus(Duration.ofDays(2));
            assertThat(live.sweep(later)).containsExactly(left("recent", "p1", later));
            assertThat(live.recompute("recent", NOW)).isEmpty();
            assertThat(live.isMember("recent", "p1")).isFalse();
        }
    }

    @Test
    void severalThreadsDecideAsOne() {
        for (int i = 0; i < 5_000; i++) {
            String id = "p" + i;
            stores.profiles.save(Fixtures.profile(id, Map.of("country", i % 3 == 0 ? "DE" : "AT")));
            stored(Fixtures.order(id, i % 2 == 0 ? "outdoor" : "kitchen", NOW.minus(Duration.ofDays(7)).plusSeconds(i)));
        }
        Segment[] segments = {segment("recent", "event order within 7 days"),
                segment("german-outdoor", "country = \"DE\" and event order where category = \"outdoor\" within 7 days")};
        Instant later = NOW.plusSeconds(3_000);
        try (LiveMembership one = loaded(NOW, segments);
             LiveMembership two = new LiveMembership(stores.profiles, stores.events, 2)) {
            two.load(List.of(segments), NOW);
            assertThat(two.members("recent")).isEqualTo(one.members("recent"));
            List<MembershipChange> changes = one.sweep(later);
            assertThat(changes).hasSize(3_000 + 500);
            assertThat(two.sweep(later)).isEqualTo(changes);
        }
    }

    @Test
    void anUnknownSegmentIsAnError() {
        try (LiveMembership live = loaded(NOW)) {
            assertThatThrownBy(() -> live.isMember("nope", "p1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        }
    }
}
