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

    static final SegmentIndex EMPTY = of(List.of());

    /** In id order; the index of a segment here is its position in the bit sets below. */
    private final List<LiveSegment> all;
    private final Map<String, BitSet> byType = new HashMap<>();
    private final Map<String, BitSet> byAttribute = new HashMap<>();
    private final BitSet everything = new BitSet();
    private final List<LiveSegment> dated = new ArrayList<>();

    private SegmentIndex(List<LiveSegment> all) {
        this.all = all;
        for (int i = 0; i < all.size(); i++) {
            LiveSegment s = all.get(i);
            int position = i;
            s.reads.eventTypes().forEach(type -> byType.computeIfAbsent(type, t -> new BitSet()).set(position));
            s.reads.attributes().forEach(name -> byAttribute.computeIfAbsent(name, n -> new BitSet()).set(position));
            if (s.reads.everything()) {
                everything.set(i);
            }
            if (s.reads.dates() || s.reads.everything()) {
                dated.add(s);
            }
        }
    }

    /** An index of the segments, which must be compiled and in id order. */
    static SegmentIndex of(Collection<LiveSegment> segments) {
        return new SegmentIndex(List.copyOf(segments));
    }

    List<LiveSegment> all() {
        return all;
    }

    List<LiveSegment> dated() {
        return dated;
    }

    /**
     * The segments that events of these types (new ones, or old ones whose window time has moved)
     * and changes to these attributes or identity namespaces can affect, in id order.
     */
    List<LiveSegment> affected(Set<String> types, Set<String> attributes) {
        BitSet found = (BitSet) everything.clone();
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
        List<LiveSegment> segments = new ArrayList<>(found.cardinality());
        for (int i = found.nextSetBit(0); i >= 0; i = found.nextSetBit(i + 1)) {
            segments.add(all.get(i));
        }
        return segments;
    }
}
