package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.segments.internal.ScorePlan.AttributeInput;
import org.tailor.segments.internal.ScorePlan.Input;
import org.tailor.segments.internal.ScorePlan.Normalization;
import org.tailor.segments.internal.ScorePlan.Prefer;

class PlanEvaluatorTest {

    static final double NA = Double.NaN;

    @Test
    void rankNormalizesToMidRankPercentilesAmongThePresentValues() {
        assertThat(PlanEvaluator.normalize(new double[] {10, NA, 30, 20, 20}, Normalization.RANK))
                .containsExactly(new double[] {0.125, NA, 0.875, 0.5, 0.5}, within(1e-12));
    }

    @Test
    void minMaxNormalizesToTheRangeOfThePresentValues() {
        assertThat(PlanEvaluator.normalize(new double[] {10, NA, 30, 20, 25}, Normalization.MINMAX))
                .containsExactly(new double[] {0, NA, 1, 0.5, 0.75}, within(1e-12));
        assertThat(PlanEvaluator.normalize(new double[] {4, 4, NA}, Normalization.MINMAX)).as("all equal")
                .containsExactly(new double[] {0.5, 0.5, NA}, within(1e-12));
        assertThat(PlanEvaluator.normalize(new double[] {NA, NA}, Normalization.RANK)).containsExactly(NA, NA);
    }

    @Test
    void weightsCombineTheNormalizedInputsAndMissingValuesCountZero() {
        Input value = new AttributeInput("value", 3, Normalization.MINMAX, Prefer.HIGH);
        Input tickets = new AttributeInput("tickets", 1, Normalization.MINMAX, Prefer.LOW);
        Map<Input, double[]> columns = Map.of(
                value, new double[] {0, 50, 100, NA},
                tickets, new double[] {10, 0, 5, 0});
        ScorePlan plan = new ScorePlan("p", "p", "", List.of(value, tickets));

        double[] scores = PlanEvaluator.scores(plan, 4, columns::get);

        // 100 * (3 * value + 1 * (1 - tickets)) / 4
        assertThat(scores).containsExactly(new double[] {0, 62.5, 87.5, 25}, within(1e-9));
    }

    @Test
    void rankPlansAreInvariantUnderMonotoneChangesOfTheirInputs() {
        Input input = new AttributeInput("x", 1, Normalization.RANK, Prefer.HIGH);
        ScorePlan plan = new ScorePlan("p", "p", "", List.of(input));
        double[] raw = {3, 1, 4, 1, 5, 9, 2, 6};
        double[] cubed = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            cubed[i] = Math.pow(raw[i], 3) + 1000;
        }
        assertThat(PlanEvaluator.scores(plan, raw.length, in -> cubed))
                .containsExactly(PlanEvaluator.scores(plan, raw.length, in -> raw), within(1e-12));
    }
}
