package org.tailor.segments.internal;

import java.util.Optional;

/** The rules of the loaded segments, for conditions that refer to other segments. */
@FunctionalInterface
interface SegmentLookup {

    /** No segments: every reference is to an unknown segment. */
    SegmentLookup NONE = id -> Optional.empty();

    Optional<Rule> rule(String segmentId);
}
