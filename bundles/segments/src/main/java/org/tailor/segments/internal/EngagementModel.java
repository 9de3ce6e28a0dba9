package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engagement score: every event adds its type's weight halved for every half-life of its age,
 * {@code weight(type) * 0.5^(age / halfLife)}, and the sum {@code E} maps onto 0 to 100 as
 * {@code 100 * E / (E + midpoint)}: 0 without events, 50 at the midpoint, approaching 100 as
 * {@code E} grows. The map is fixed rather than relative to the store, so a profile's score moves
 * only with its own events and time.
 */
final class EngagementModel {

    private static final double SECONDS_PER_DAY = 86_400;

    private final Map<String, Double> weights;
    private final double halfLifeSeconds;
    private final double midpoint;

    EngagementModel(Map<String, Double> weights, double halfLifeDays, double midpoint) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("the engagement half-life must be a positive number of days, got " + halfLifeDays);
        }
        if (!(midpoint > 0) || Double.isInfinite(midpoint)) {
            throw new IllegalArgumentException("the engagement midpoint must be a positive number, got " + midpoint);
        }
        this.weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        this.halfLifeSeconds = halfLifeDays * SECONDS_PER_DAY;
        this.midpoint = midpoint;
    }

    /**
     * Weights from entries {@code type=weight}, for example {@code email_opened=1}.
     *
     * @throws IllegalArgumentException naming the entry that is not of that form
     */
    static Map<String, Double> parseWeights(String[] entries) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            String type = equals < 0 ? "" : entry.substring(0, equals).strip();
            if (!Rule.EVENT_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("engagement weight '" + entry + "' must be type=weight with an event type "
                        + "of lower-case letters, digits and _, like email_opened=1");
            }
            double weight;
            try {
                weight = Double.parseDouble(entry.substring(equals + 1).strip());
            } catch (NumberFormatException e) {
                weight = Double.NaN;
            }
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("engagement weight '" + entry + "' must end in a number, 0 or more");
            }
            if (weights.put(type, weight) != null) {
                throw new IllegalArgumentException("event type '" + type + "' has two engagement weights");
            }
        }
        return weights;
    }

    /** The weights by event type, in the order they were given. */
    Map<String, Double> weights() {
        return weights;
    }

    double halfLifeDays() {
        return halfLifeSeconds / SECONDS_PER_DAY;
    }

    double midpoint() {
        return midpoint;
    }

    /** What one event adds at {@code now}; an event from the future counts as happening now. */
    double contribution(String type, Instant occurredAt, Instant now) {
        Double weight = weights.get(type);
        if (weight == null || weight == 0) {
            return 0;
        }
        double ageSeconds = Math.max(0, Duration.between(occurredAt, now).toMillis() / 1000.0);
        return weight * Math.pow(0.5, ageSeconds / halfLifeSeconds);
    }

    /** The score of a sum of contributions, 0 to 100 with one decimal. */
    BigDecimal score(double sum) {
        double value = sum <= 0 ? 0 : 100 * sum / (sum + midpoint);
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
}
