package org.tailor.api.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of two profiles found to be one person and joined: the absorbed profile's
 * identities, events and orders now belong to the survivor. Kept so that an admin can see why
 * and undo it.
 *
 * <p>Immutable.
 *
 * @param id the merge's id, never null
 * @param survivorId the profile that remains, never null
 * @param absorbedId the profile that was joined into it, never null
 * @param mergedAt when, never null
 * @param reason what linked them, for example {@code email:ann@example.com via csv:crm.csv:7}, never null
 * @param revertedAt when an admin undid it, or empty; never null
 */
public record ProfileMerge(String id, String survivorId, String absorbedId, Instant mergedAt, String reason,
                           Optional<Instant> revertedAt) {

    public ProfileMerge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(absorbedId, "absorbedId");
        Objects.requireNonNull(mergedAt, "mergedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(revertedAt, "revertedAt");
    }

    /** Whether the merge is in force (not undone). */
    public boolean active() {
        return revertedAt.isEmpty();
    }
}
