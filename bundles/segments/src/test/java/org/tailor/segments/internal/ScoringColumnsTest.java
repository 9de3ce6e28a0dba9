package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoringColumnsTest {

    @Test
    void theIndexFindsRowsByIdAndListsIdsInJavaOrderWhateverTheStoreOrder() {
        // As a database with a case-insensitive collation might stream them.
        String[] byRow = {"a", "B", "c", "D", null};

        ProfileIndex index = ProfileIndex.of(byRow, 4);

        assertThat(index.size()).isEqualTo(4);
        assertThat(List.of(index.id(0), index.id(1), index.id(2), index.id(3))).containsExactly("B", "D", "a", "c");
        assertThat(List.of(index.row(0), index.row(1), index.row(2), index.row(3))).containsExactly(1, 3, 0, 2);
        assertThat(index.rowOf("c")).isEqualTo(2);
        assertThat(index.rowOf("C")).isEqualTo(-1);
    }

    @Test
    void aScoreColumnIsAMapOfTheRowsWithAValueInIdOrder() {
        ProfileIndex index = ProfileIndex.of(new String[] {"p2", "p1", "p3"}, 3);
        BigDecimal[] values = {BigDecimal.ONE, null, BigDecimal.TEN};

        ScoreColumn column = new ScoreColumn(index, row -> values[row]);

        assertThat(column).hasSize(2).containsExactly(Map.entry("p2", BigDecimal.ONE), Map.entry("p3", BigDecimal.TEN));
        assertThat(column.get("p3")).isEqualTo(BigDecimal.TEN);
        assertThat(column.containsKey("p1")).isFalse();
        assertThat(column.get("nobody")).isNull();
        assertThat(column).isEqualTo(Map.of("p2", BigDecimal.ONE, "p3", BigDecimal.TEN));
    }

    @Test
    void theTopCategoryShareDoesNotDependOnTheOrderEventsArriveIn() {
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            categories.add("c" + (i % 7 == 0 ? 0 : i % 5));
        }
        Map<Long, Double> shares = new LinkedHashMap<>();
        for (long seed = 0; seed < 5; seed++) {
            Collections.shuffle(categories, new Random(seed));
            CategoryCounts counts = new CategoryCounts(1);
            categories.forEach(c -> counts.add(0, c));
            shares.put(seed, counts.topShare(0));
        }
        assertThat(shares.values()).containsOnly(shares.get(0L));
    }

    @Test
    void theTopCategoryShareCountsEveryEventButOnlyTheFirstCategoriesCanLead() {
        CategoryCounts counts = new CategoryCounts(3);
        counts.add(0, "outdoor");
        counts.add(0, "outdoor");
        counts.add(0, "home");
        counts.add(0, "outdoor");
        assertThat(counts.topShare(0)).isEqualTo(0.75);
        assertThat(counts.topShare(1)).as("no categorized events").isZero();

        for (int c = 0; c < CategoryCounts.MAX_PER_PROFILE; c++) {
            counts.add(2, "c" + c);
        }
        for (int i = 0; i < 10; i++) {
            counts.add(2, "late");
        }
        assertThat(counts.topShare(2)).isEqualTo(1.0 / (CategoryCounts.MAX_PER_PROFILE + 10));
    }
}
