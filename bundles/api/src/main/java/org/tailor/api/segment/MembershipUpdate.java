package org.tailor.api.segment;

import java.time.Duration;
import java.util.Objects;

/**
 * What a recompute of one segment found.
 *
 * <p>Immutable.
 *
 * @param segmentId the segment, never null
 * @param members how many members it has now
 * @param entered how many entered
 * @param left how many left
 * @param took how long evaluating and storing took, never null
 */
public record MembershipUpdate(String segmentId, long members, long entered, long left, Duration took) {

    public MembershipUpdate {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(took, "took");
    }
}
