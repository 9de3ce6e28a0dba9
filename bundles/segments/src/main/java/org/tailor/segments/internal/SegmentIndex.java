package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which segments a change can affect: by event type and by attribute read (segment references
 * followed, see {@link RuleReads}), plus those that read everything (a condition left to the
 * interpreter) and those that depend on the date. Immutable; rebuilt
 * when segments change.
 */
final class SegmentIndex {

    static final SegmentIndex EMPTY = new SegmentIndex(List.of(), null);

    /** In id order; the index of a segment here is its position in the bit sets below. */
    private final List<LiveSegment> all;
    private final Map<String, BitSet> byType = new HashMap<>();
    private final Map<String, BitSet> byAttribute = new HashMap<>();
    /** By {@link WakeTimes#watchId}: the segments whose window that (type, delay) moves. */
    private final Map<Integer, BitSet> byMove = new HashMap<>();
    private final BitSet everything = new BitSet();
    private final BitSet dated = new BitSet();
    private final BitSet moving = new BitSet();

    private SegmentIndex(List<LiveSegment> all, WakeTimes wakes) {
        this.all = all;
        for (int i = 0; i < all.size(); i++) {
            LiveSegment s = all.get(i);
            int position = i;
            s.reads.eventTypes().forEach(type -> byType.computeIfAbsent(type, t -> new BitSet()).set(position));
            s.reads.attributes().forEach(name -> byAttribute.computeIfAbsent(name, n -> new BitSet()).set(position));
            s.reads.moving().forEach((type, delays) -> delays.forEach(delay ->
                    byMove.computeIfAbsent(wakes.watchId(type, delay), id -> new BitSet()).set(position)));
            if (s.reads.everything()) {
                everything.set(i);
            }
            if (s.reads.dates() || s.reads.everything()) {
                dated.set(i);
            }
            if (!s.reads.moving().isEmpty()) {
                moving.set(i);
            }
        }
    }

    /** An index of the segments, which must be compiled and in id order, with the pairs the wake times watch. */
    static SegmentIndex of(Collection<LiveSegment> segments, WakeTimes wakes) {
        return new SegmentIndex(List.copyOf(segments), wakes);
    }

    List<LiveSegment> all() {
        return all;
    }

    /** The positions in {@link #all} of the segments that depend on the date; not to be changed. */
    BitSet dated() {
        return dated;
    }

    /** The positions of the segments with windows that move with time; not to be changed. */
    BitSet moving() {
        return moving;
    }

    /** The positions of the segments that read everything; not to be changed. */
    BitSet everything() {
        return everything;
    }

    /**
     * The segments that new events of these types, changes to these attributes or identity
     * namespaces, and windows moved by time ({@link WakeTimes#crossed}) can affect, in id order.
     */
    List<LiveSegment> affected(Set<String> types, Set<String> attributes, BitSet moved) {
        BitSet found = positions(types, attributes, moved);
        List<LiveSegment> segments = new ArrayList<>(found.cardinality());
        for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
            segments.add(all.get(i));
        }
        return segments;
    }

    /** {@link #affected} as positions in {@link #all}. */
    BitSet positions(Set<String> types, Set<String> attributes, BitSet moved) {
        BitSet found = (BitSet) everything.clone();
        for (int id = moved.nextSetBit(0); id >= 0; id = moved.nextSetBit(id + 1)) {
            BitSet readers = byMove.get(id);
            if (readers != null) {
                found.or(readers);
            }
        }
        for (String type : types) {
            BitSet readers = byType.get(type);
            if (readers != null) {
                found.or(readers);
            }
        }
        for (String name : attributes) {
            BitSet readers = byAttribute.get(name);
            if (readers != null) {
                found.or(readers);
            }
        }
        return found;
    }
}
