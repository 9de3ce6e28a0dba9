package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class QuintilesTest {

    @Test
    void fiveDistinctValuesScoreOneToFiveWhateverTheirOrder() {
        assertThat(Quintiles.of(new double[] {30, 10, 50, 20, 40})).containsExactly(3, 1, 5, 2, 4);
    }

    @Test
    void tenDistinctValuesFillEachQuintileWithTwo() {
        assertThat(Quintiles.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
    }

    @Test
    void tiesScoreTheSameByTheirAverageRank() {
        // Ranks 1, 2.5, 2.5, 4, 5, 7, 7, 7, 9, 10: p = (r - 0.5) / 10.
        assertThat(Quintiles.of(new double[] {1, 2, 2, 4, 5, 7, 7, 7, 9, 10})).containsExactly(1, 2, 2, 2, 3, 4, 4, 4, 5, 5);
    }

    @Test
    void smallPopulations() {
        assertThat(Quintiles.of(new double[0])).isEmpty();
        assertThat(Quintiles.of(new double[] {42})).as("a lone buyer is in the middle").containsExactly(3);
        assertThat(Quintiles.of(new double[] {1, 2})).containsExactly(2, 4);
        assertThat(Quintiles.of(new double[] {1, 2, 3})).containsExactly(1, 3, 5);
        assertThat(Quintiles.of(new double[] {2, 1, 2})).containsExactly(4, 1, 4);
    }

    @Test
    void allEqualScoreThree() {
        double[] values = new double[1_001];
        Arrays.fill(values, 7.5);
        assertThat(Quintiles.of(values)).containsOnly(3);
    }

    @RepeatedTest(50)
    void scoresFollowTheValuesAndSplitDistinctValuesIntoFifths(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        int n = 1 + random.nextInt(400);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(1 + random.nextInt(50));
        }
        int[] scores = Quintiles.of(values);
        int[] perScore = new int[6];
        for (int i = 0; i < n; i++) {
            assertThat(scores[i]).isBetween(1, 5);
            perScore[scores[i]]++;
            for (int j = 0; j < n; j++) {
                if (values[i] == values[j]) {
                    assertThat(scores[i]).as("ties").isEqualTo(scores[j]);
                } else if (values[i] < values[j]) {
                    assertThat(scores[i]).as("order").isLessThanOrEqualTo(scores[j]);
                }
            }
        }
        if (Arrays.stream(values).distinct().count() == n) {
            for (int score = 1; score <= 5; score++) {
                assertThat(perScore[score]).as("quintile %d of %d", score, n).isBetween(n / 5, (n + 4) / 5);
            }
        }
    }
}
