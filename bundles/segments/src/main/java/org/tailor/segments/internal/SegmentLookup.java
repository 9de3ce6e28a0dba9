package org.tailor.segments.internal;

import java.util.Optional;

/**
 * The rules of the loaded segments, for conditions that refer to other segments, and the
 * lifecycle definition, for lifecycle conditions.
 */
@FunctionalInterface
interface SegmentLookup {

    /** No segments: every reference is to an unknown segment, and there is no lifecycle. */
    SegmentLookup NONE = id -> Optional.empty();

    Optional<Rule> rule(String segmentId);

    /** The lifecycle stages; empty when none are defined, and then every profile's stage is {@code none}. */
    default Optional<Lifecycle> lifecycle() {
        return Optional.empty();
    }
}
