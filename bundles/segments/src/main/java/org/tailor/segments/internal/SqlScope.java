package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What compiling one rule to SQL reads and records: the instant of evaluation, the other
 * segments' rules, the segments being inlined on the way here (to stop a cycle, as
 * {@link EvaluationContext#visiting()} does), fresh aliases for nested subqueries, the size of
 * the query so far, and whether it needs the profile's time zone. Not thread safe; one per
 * compilation.
 */
final class SqlScope {

    /**
     * Rules compiled in one query, inlined segments included: references can multiply a rule
     * many times over, and past this it is cheaper to evaluate in memory than to build the query.
     */
    static final int MAX_NODES = 10_000;

    private final Instant now;
    private final SegmentLookup segments;
    private final List<String> visiting;
    private final Shared shared;

    private static final class Shared {
        int aliases;
        int nodes;
        boolean zone;
    }

    SqlScope(Instant now, SegmentLookup segments) {
        this(now, segments, List.of(), new Shared());
    }

    private SqlScope(Instant now, SegmentLookup segments, List<String> visiting, Shared shared) {
        this.now = Objects.requireNonNull(now, "now");
        this.segments = Objects.requireNonNull(segments, "segments");
        this.visiting = List.copyOf(visiting);
        this.shared = shared;
    }

    Instant now() {
        return now;
    }

    SegmentLookup segments() {
        return segments;
    }

    List<String> visiting() {
        return visiting;
    }

    SqlScope entering(String segmentId) {
        List<String> path = new ArrayList<>(visiting);
        path.add(segmentId);
        return new SqlScope(now, segments, path, shared);
    }

    /** An alias no other subquery of this compilation uses. */
    String alias(String prefix) {
        return prefix + (++shared.aliases);
    }

    /** Counts one more rule into the query; false once there are more than {@link #MAX_NODES}. */
    boolean admit() {
        return ++shared.nodes <= MAX_NODES;
    }

    /** Records that the query must join the profile's time zone ({@link ZoneSql#PROFILE_ZONE}). */
    void useZone() {
        shared.zone = true;
    }

    boolean usesZone() {
        return shared.zone;
    }
}
