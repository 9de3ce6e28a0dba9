package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcScoreStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private JdbcScoreStore store;

    @BeforeEach
    void open() {
        store = new JdbcScoreStore(database.open());
    }

    @Test
    void replaceSetsOneScoreForEveryoneAndDropsItForTheRest() {
        store.replace("engagement", Map.of("p-1", new BigDecimal("42.50"), "p-2", BigDecimal.ONE), T0);
        store.replace("cluster", Map.of("p-1", "Power buyers"), T0);

        store.replace("engagement", Map.of("p-2", new BigDecimal("7")), T0.plusSeconds(60));

        assertThat(store.scoresOf("p-1")).containsExactly(Map.entry("cluster", "Power buyers"));
        assertThat(store.scoresOf("p-2")).containsExactly(Map.entry("engagement", new BigDecimal("7")));
        assertThat(store.scoresOf("nobody")).isEmpty();
    }

    @Test
    void numbersKeepTheirScaleUpToTenDecimals() {
        store.replace("rfm", Map.of("p-1", new BigDecimal("4.50"), "p-2", new BigDecimal("545"),
                "p-3", new BigDecimal("0.123456789012345")), T0);

        Map<String, Map<String, Object>> scores = store.scoresOf(List.of("p-1", "p-2", "p-3", "p-4"));

        assertThat(scores.get("p-1").get("rfm")).hasToString("4.50");
        assertThat(scores.get("p-2").get("rfm")).hasToString("545");
        assertThat(scores.get("p-3").get("rfm")).hasToString("0.1234567890");
        assertThat(scores).doesNotContainKey("p-4");
    }

    @Test
    void putAllChangesOnlyTheGivenValues() {
        store.replace("engagement", Map.of("p-1", BigDecimal.TEN, "p-2", BigDecimal.ONE), T0);
        Map<String, Object> p1 = new LinkedHashMap<>();
        p1.put("engagement", BigDecimal.ZERO);
        p1.put("lifecycle", "at_risk");

        store.putAll(Map.of("p-1", p1), T0.plusSeconds(1));

        assertThat(store.scoresOf("p-1")).containsOnly(Map.entry("engagement", BigDecimal.ZERO),
                Map.entry("lifecycle", "at_risk"));
        assertThat(store.scoresOf("p-2")).containsOnly(Map.entry("engagement", BigDecimal.ONE));
    }

    @Test
    void forEachStreamsOneScore() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < 1_234; i++) {
            values.put("p-" + i, BigDecimal.valueOf(i));
        }
        store.replace("engagement", values, T0);
        store.replace("cluster", Map.of("p-1", "Browsers"), T0);
        Map<String, Object> seen = new LinkedHashMap<>();

        assertThat(store.forEach("engagement", seen::put)).isEqualTo(1_234);
        assertThat(seen).isEqualTo(values);
    }

    @Test
    void refusesBadNamesAndValuesBeforeWritingAnything() {
        store.replace("engagement", Map.of("p-1", BigDecimal.ONE), T0);

        assertThatThrownBy(() -> store.replace("Engagement", Map.of(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.replace("engagement", Map.of("p-1", 3), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BigDecimal or a String");
        assertThat(store.scoresOf("p-1")).containsOnly(Map.entry("engagement", BigDecimal.ONE));
    }
}
