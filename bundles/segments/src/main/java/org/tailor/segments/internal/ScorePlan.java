package org.tailor.segments.internal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A weighted composite score defined as data: each input is normalized to 0..1 over the store and
 * the plan's score is {@code 100 * sum(weight * normalized) / sum(weight)}, stored as
 * {@code plan.<id>}. The file format is described in the scores guide and read by
 * {@link ScorePlanParser}.
 */
record ScorePlan(String id, String name, String description, List<Input> inputs) {

    /** Lower-case letters, digits and _, so that {@code plan.<id>} is a valid score name. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_]{0,63}");
    static final String SCORE_PREFIX = "plan.";

    ScorePlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a plan needs inputs");
        }
    }

    String scoreName() {
        return SCORE_PREFIX + id;
    }

    /** How an input's values become 0..1 over the store; missing values become 0 afterwards. */
    enum Normalization {
        /** The mid-rank percentile among the profiles that have a value ({@link PercentileRanks}). */
        RANK("rank"),
        /** {@code (value - min) / (max - min)} among the profiles that have a value; 0.5 when all are equal. */
        MINMAX("minmax");

        final String json;

        Normalization(String json) {
            this.json = json;
        }
    }

    /** Whether high values score high, or low values do ({@code 1 - normalized}). */
    enum Prefer {
        HIGH, LOW
    }

    /** One weighted input. */
    sealed interface Input {
        double weight();

        Normalization normalization();

        Prefer prefer();
    }

    /** A profile attribute, as a number ({@link NumericValue}). */
    record AttributeInput(String attribute, double weight, Normalization normalization, Prefer prefer) implements Input {
    }

    /** One of the scores computed before plans: {@code rfm}, {@code rfm_recency}, … or {@code engagement}. */
    record ScoreInput(String score, double weight, Normalization normalization, Prefer prefer) implements Input {
    }

    /** How many events of a type the profile had in the last {@code days} days. */
    record EventsInput(String type, int days, double weight, Normalization normalization, Prefer prefer) implements Input {
        EventColumns.Window window() {
            return new EventColumns.Window(type, days);
        }
    }
}
