package org.tailor.segments.internal;

import java.util.function.Function;
import org.tailor.segments.internal.ScorePlan.Input;
import org.tailor.segments.internal.ScorePlan.Normalization;
import org.tailor.segments.internal.ScorePlan.Prefer;

/**
 * Computes a plan's score for every profile: each input's values are normalized to 0..1 over the
 * profiles that have one, turned round for {@code "prefer": "low"}, set to 0 where missing, and
 * combined as {@code 100 * sum(weight * normalized) / sum(weight)}.
 */
final class PlanEvaluator {

    private PlanEvaluator() {
    }

    /**
     * The plan's score by row, 0 to 100.
     *
     * @param valuesOf each input's raw values by row, NaN where the profile has none; all of length {@code rows}
     */
    static double[] scores(ScorePlan plan, int rows, Function<Input, double[]> valuesOf) {
        double[] total = new double[rows];
        double weights = 0;
        for (Input input : plan.inputs()) {
            double[] normalized = normalize(valuesOf.apply(input), input.normalization());
            for (int row = 0; row < rows; row++) {
                double value = normalized[row];
                if (!Double.isNaN(value)) {
                    total[row] += input.weight() * (input.prefer() == Prefer.LOW ? 1 - value : value);
                }
            }
            weights += input.weight();
        }
        for (int row = 0; row < rows; row++) {
            total[row] = Math.min(100, Math.max(0, 100 * total[row] / weights));
        }
        return total;
    }

    /** The values normalized to 0..1 among those present; NaN stays NaN. */
    static double[] normalize(double[] values, Normalization normalization) {
        int present = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                present++;
            }
        }
        double[] compact = new double[present];
        int p = 0;
        for (double value : values) {
            if (!Double.isNaN(value)) {
                compact[p++] = value;
            }
        }
        double[] normalized = normalization == Normalization.RANK ? PercentileRanks.of(compact) : minMax(compact);
        double[] out = new double[values.length];
        p = 0;
        for (int i = 0; i < values.length; i++) {
            out[i] = Double.isNaN(values[i]) ? Double.NaN : normalized[p++];
        }
        return out;
    }

    private static double[] minMax(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = max > min ? (values[i] - min) / (max - min) : 0.5;
        }
        return out;
    }
}
