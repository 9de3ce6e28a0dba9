package org.tailor.segments.internal;

/**
 * Scores 1 to 5 by quintile: a value scores {@code 1 + floor(5p)} for its mid-rank percentile
 * {@code p} ({@link PercentileRanks}), so the highest fifth of the values scores 5. Tied values
 * score the same, a lone value or a population of equal values scores 3, and five distinct values
 * score 1, 2, 3, 4 and 5. Computed in whole numbers, so no rounding can move a value across a
 * boundary.
 */
final class Quintiles {

    private Quintiles() {
    }

    /** The score of each value; higher values score higher. The values must not be NaN. */
    static int[] of(double[] values) {
        long[] doubled = PercentileRanks.doubledRanks(values);
        long n = values.length;
        int[] scores = new int[values.length];
        for (int i = 0; i < scores.length; i++) {
            // floor(5 * (r - 0.5) / n) with r = doubled / 2; below 5 because r <= n.
            scores[i] = 1 + (int) (5 * (doubled[i] - 1) / (2 * n));
        }
        return scores;
    }
}
