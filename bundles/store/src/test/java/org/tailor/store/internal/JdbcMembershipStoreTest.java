package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.segment.MembershipChange;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcMembershipStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private JdbcMembershipStore store;

    @BeforeEach
    void open() {
        store = new JdbcMembershipStore(database.open());
    }

    @Test
    void onlyChangesThatAlterMembershipAreRecorded() {
        MembershipChange enters = enter("vip", "p-1", T0);
        MembershipChange entersAgain = enter("vip", "p-1", T0.plusSeconds(1));
        MembershipChange leavesUnknown = leave("vip", "p-2", T0.plusSeconds(2));
        MembershipChange other = enter("fans", "p-1", T0.plusSeconds(3));

        assertThat(store.apply(List.of(enters, entersAgain, leavesUnknown, other))).containsExactly(enters, other);

        assertThat(store.segmentsOf("p-1")).containsExactly("fans", "vip");
        assertThat(store.size("vip")).isEqualTo(1);
        assertThat(store.changes("vip", T0, 10)).containsExactly(enters);
    }

    @Test
    void aPairRepeatedInOneCallIsAppliedInOrder() {
        MembershipChange enters = enter("vip", "p-1", T0);
        MembershipChange leaves = leave("vip", "p-1", T0.plusSeconds(1));
        MembershipChange entersAgain = enter("vip", "p-1", T0.plusSeconds(2));

        assertThat(store.apply(List.of(enters, leaves, entersAgain))).containsExactly(enters, leaves, entersAgain);
        assertThat(store.size("vip")).isEqualTo(1);
        assertThat(store.changesOf("p-1", 2)).containsExactly(entersAgain, leaves);
    }

    @Test
    void replayingTheSameDecisionsRecordsNothingTwice() {
        List<MembershipChange> decisions = List.of(enter("vip", "p-1", T0), enter("vip", "p-2", T0),
                leave("vip", "p-1", T0.plusSeconds(5)));
        store.apply(decisions);

        assertThat(store.apply(decisions.subList(2, 3))).isEmpty();
        assertThat(store.changes("vip", Instant.EPOCH, 100)).hasSize(3);
    }

    @Test
    void membersStreamInPagesAndHistoryIsBounded() {
        List<MembershipChange> entries = new ArrayList<>();
        for (int i = 0; i < 2_345; i++) {
            entries.add(enter("all", "p-%05d".formatted(i), T0.plusMillis(i)));
        }
        store.apply(entries);
        List<String> members = new ArrayList<>();

        assertThat(store.forEachMember("all", members::add)).isEqualTo(2_345);
        assertThat(members).hasSize(2_345).doesNotHaveDuplicates().isSorted();
        assertThat(store.changes("all", T0.plusMillis(2_000), 10)).hasSize(10)
                .first().isEqualTo(entries.get(2_000));
        assertThat(store.forEachMember("none", members::add)).isZero();
    }

    private static MembershipChange enter(String segment, String profile, Instant at) {
        return new MembershipChange(segment, profile, true, at);
    }

    private static MembershipChange leave(String segment, String profile, Instant at) {
        return new MembershipChange(segment, profile, false, at);
    }
}
