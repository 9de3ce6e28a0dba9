package org.tailor.api.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;

/**
 * Deterministic A/B/n assignment, the one rule every bundle uses so that the content a person sees
 * and the arm their results are counted under always agree: SHA-256 of the experiment name and the
 * profile id, read as a number, falls into one arm's share of the summed weights. The same person
 * stays in the same arm for as long as the experiment's arms and weights stay the same, and arms
 * get people in proportion to their weights.
 */
public final class ExperimentAssignment {

    private ExperimentAssignment() {
    }

    /**
     * The arm of the profile.
     *
     * @param arms arm name to weight (0 or more; at least one above 0), in a stable order
     * @throws IllegalArgumentException if no weight is above 0 or one is negative
     */
    public static String armOf(String experiment, String profileId, Map<String, Integer> arms) {
        Objects.requireNonNull(experiment, "experiment");
        Objects.requireNonNull(profileId, "profileId");
        long total = 0;
        for (int weight : arms.values()) {
            if (weight < 0) {
                throw new IllegalArgumentException("a weight cannot be negative");
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("an experiment needs a weight above 0");
        }
        long point = Long.remainderUnsigned(hash(experiment + '\0' + profileId), total);
        for (Map.Entry<String, Integer> arm : arms.entrySet()) {
            point -= arm.getValue();
            if (point < 0) {
                return arm.getKey();
            }
        }
        throw new IllegalStateException("unreachable: the point lies below the total weight");
    }

    private static long hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (digest[i] & 0xFF);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
