package org.tailor.segments.internal;

import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * Where each value stands among the others, as the mid-rank percentile {@code p = (r - 0.5) / n}
 * with {@code r} the value's rank from 1 (smallest) to {@code n}, tied values sharing the average
 * of their ranks. {@code p} is strictly between 0 and 1, and is exactly 0.5 for a lone value or for
 * values that are all equal, so that a population without differences lands in the middle.
 */
final class PercentileRanks {

    private PercentileRanks() {
    }

    /**
     * The ranks of the values, ties averaged, as twice their value so that they are whole numbers:
     * the average of the ranks {@code a..b} is {@code (a + b) / 2}.
     */
    static long[] doubledRanks(double[] values) {
        if (values.length == 0) {
            // NaturalRanking fails on an empty array; a store without buyers is a normal case.
            return new long[0];
        }
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(values);
        long[] doubled = new long[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            doubled[i] = Math.round(2 * ranks[i]);
        }
        return doubled;
    }

    /** The mid-rank percentile of each value; the values must not be NaN. */
    static double[] of(double[] values) {
        long[] doubled = doubledRanks(values);
        double[] percentiles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            percentiles[i] = (doubled[i] - 1) / (2.0 * values.length);
        }
        return percentiles;
    }
}
