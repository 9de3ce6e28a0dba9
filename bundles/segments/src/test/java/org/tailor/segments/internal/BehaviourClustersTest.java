package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class BehaviourClustersTest {

    static final int HORIZON = 365;
    static final ScoringSettings SETTINGS = StoreScoringService.settings(ScoringFixtures.config(Map.of()));

    static StorePass.Result pass(PlantedBehaviour store) {
        return StorePass.read(store.profiles, store.events, NOW, HORIZON, SETTINGS.engagement(), SETTINGS.kinds(), Set.of(), Set.of());
    }

    /** Each profile's cluster name. */
    static Map<String, String> clusters(PlantedBehaviour store, ClusterSettings settings) {
        StorePass.Result pass = pass(store);
        BehaviourClusters.Result result = BehaviourClusters.compute(pass, settings);
        Map<String, String> names = new LinkedHashMap<>();
        for (int k = 0; k < pass.index().size(); k++) {
            names.put(pass.index().id(k), result.nameOf(pass.index().row(k)));
        }
        return names;
    }

    @RepeatedTest(5)
    void plantedGroupsComeOutUnderTheirNames(RepetitionInfo repetition) {
        PlantedBehaviour store = new PlantedBehaviour(repetition.getCurrentRepetition(), 40);

        Map<String, String> names = clusters(store, SETTINGS.clusters());

        assertThat(names).isEqualTo(sorted(store.groupOf));
    }

    @Test
    void theSameStoreGivesTheSameClustersWhateverOrderEventsArriveIn() {
        Map<String, String> first = clusters(new PlantedBehaviour(7, 60), SETTINGS.clusters());
        Map<String, String> again = clusters(new PlantedBehaviour(7, 60).shuffled(99), SETTINGS.clusters());

        assertThat(again).isEqualTo(first);
    }

    @Test
    void fittingOnASampleStillFindsThePlantedGroups() {
        PlantedBehaviour store = new PlantedBehaviour(11, 100);
        ClusterSettings sampled = new ClusterSettings(4, 20261123L, 60, 100, 10, 90);

        assertThat(clusters(store, sampled)).isEqualTo(sorted(store.groupOf));
    }

    @Test
    void fewerDistinctProfilesThanClustersGiveFewerClusters() {
        Fixtures.InMemoryProfileStore profiles = new Fixtures.InMemoryProfileStore().add(Fixtures.profile("a"), Fixtures.profile("b"));
        StorePass.Result pass = StorePass.read(profiles, new ScoringFixtures.StreamingEventStore(), NOW, HORIZON,
                SETTINGS.engagement(), SETTINGS.kinds(), Set.of(), Set.of());

        BehaviourClusters.Result result = BehaviourClusters.compute(pass, SETTINGS.clusters());

        assertThat(result.names()).hasSize(1);
        assertThat(result.summaries().get(0).size()).isEqualTo(2);
        assertThat(result.nameOf(0)).isEqualTo(ClusterNamer.DORMANT).isEqualTo(result.nameOf(1));
    }

    @Test
    void anEmptyStoreHasNoClusters() {
        StorePass.Result pass = StorePass.read(new Fixtures.InMemoryProfileStore(), new ScoringFixtures.StreamingEventStore(), NOW,
                HORIZON, SETTINGS.engagement(), SETTINGS.kinds(), Set.of(), Set.of());

        assertThat(BehaviourClusters.compute(pass, SETTINGS.clusters()).names()).isEmpty();
    }

    private static Map<String, String> sorted(Map<String, String> byId) {
        return new TreeMap<>(byId);
    }
}
