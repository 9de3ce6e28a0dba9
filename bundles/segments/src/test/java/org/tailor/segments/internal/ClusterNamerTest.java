package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterNamerTest {

    /** A cluster of {@code size} with these means; frequency and affinity do not name these clusters. */
    static ClusterSummary cluster(long size, double recency, double depth, double orders, double email, double views) {
        return new ClusterSummary(size, new Behaviour(recency, orders + email + views, depth, 0.5, orders, email, views));
    }

    static ClusterSummary store(List<ClusterSummary> clusters) {
        ClusterSummary.Accumulator all = new ClusterSummary.Accumulator();
        for (ClusterSummary c : clusters) {
            for (long i = 0; i < c.size(); i++) {
                all.add(c.mean());
            }
        }
        return all.summary();
    }

    static List<String> names(ClusterSummary... clusters) {
        return ClusterNamer.names(List.of(clusters), store(List.of(clusters)), 90);
    }

    @Test
    void namesEachKindOfBehaviour() {
        assertThat(names(
                cluster(100, 5, 0.05, 0, 0.2, 12),
                cluster(50, 3, 0.4, 4, 1, 6),
                cluster(80, 200, 0.1, 0.1, 0, 0.2),
                cluster(70, 6, 0.6, 0.2, 8, 1)))
                .containsExactly(ClusterNamer.BROWSERS, ClusterNamer.POWER_BUYERS, ClusterNamer.DORMANT, ClusterNamer.ENGAGERS);
    }

    @Test
    void aRuleNamesOnlyTheStrongestClusterAndTheRestAreOthersBySize() {
        assertThat(names(
                cluster(10, 5, 0.5, 3, 0, 1),
                cluster(20, 5, 0.5, 2.5, 0, 1),
                cluster(30, 5, 0.5, 2.5, 0, 1)))
                .containsExactly(ClusterNamer.POWER_BUYERS, "Others 2", "Others 1");
    }

    @Test
    void nothingQualifiesWithoutDifferences() {
        assertThat(names(cluster(10, 5, 0.5, 1, 1, 1))).containsExactly(ClusterNamer.OTHERS);
    }

    @Test
    void anEmptyClusterIsNeverChosenByARule() {
        assertThat(names(cluster(0, 300, 0, 0, 0, 0), cluster(10, 100, 0, 0, 0, 0)))
                .containsExactly(ClusterNamer.OTHERS, ClusterNamer.DORMANT);
    }
}
