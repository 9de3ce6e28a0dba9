package org.tailor.api.segment;

import java.time.Instant;
import java.util.Objects;

/**
 * A profile entered or left a segment.
 *
 * <p>Immutable.
 *
 * @param segmentId the segment, never null
 * @param profileId the profile, never null
 * @param entered true when it entered, false when it left
 * @param at when the change was decided, never null
 */
public record MembershipChange(String segmentId, String profileId, boolean entered, Instant at) {

    public MembershipChange {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(at, "at");
    }
}
