package org.tailor.segments.internal;

import java.util.BitSet;

/** One segment in {@link LiveMembership}: its rule compiled, what it reads, and its members by profile row. */
final class LiveSegment {

    final Segment segment;
    /** Rows of the members; changed under {@link LiveMembership}'s write lock. */
    final BitSet members;
    CompiledCondition compiled;
    RuleReads reads;

    LiveSegment(Segment segment, BitSet members) {
        this.segment = segment;
        this.members = members;
    }

    String id() {
        return segment.id();
    }
}
