package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which segments a change can affect: by event type and by attribute read (segment references
 * followed, see {@link RuleReads}), plus those that read everything (a condition left to the
 * interpreter), those that move with time and those that depend on the date. Immutable; rebuilt
 * when segments change.
 */
final class SegmentIndex {

    static final SegmentIndex EMPTY = of(List.of());

    private final List<LiveSegment> all;
    private final Map<String, List<LiveSegment>> byType = new HashMap<>();
    private final Map<String, List<LiveSegment>> byAttribute = new HashMap<>();
    private final List<LiveSegment> everything = new ArrayList<>();
    private final List<LiveSegment> moving = new ArrayList<>();
    private final List<LiveSegment> dated = new ArrayList<>();

    private SegmentIndex(List<LiveSegment> all) {
        this.all = all;
        for (LiveSegment s : all) {
            s.reads.eventTypes().forEach(type -> byType.computeIfAbsent(type, t -> new ArrayList<>()).add(s));
            s.reads.attributes().forEach(name -> byAttribute.computeIfAbsent(name, n -> new ArrayList<>()).add(s));
            if (s.reads.everything()) {
                everything.add(s);
            }
            if (!s.reads.moving().isEmpty() || s.reads.everything()) {
                moving.add(s);
            }
            if (s.reads.dates() || s.reads.everything()) {
                dated.add(s);
            }
        }
    }

    /** An index of the segments, which must be compiled. */
    static SegmentIndex of(Collection<LiveSegment> segments) {
        return new SegmentIndex(List.copyOf(segments));
    }

    List<LiveSegment> all() {
        return all;
    }

    List<LiveSegment> moving() {
        return moving;
    }

    List<LiveSegment> dated() {
        return dated;
    }

    /**
     * The segments that events of these types, changes to these attributes or identity namespaces,
     * and (when {@code timeMoved}) time passing can affect, in id order.
     */
    Collection<LiveSegment> affected(Set<String> types, Set<String> attributes, boolean timeMoved) {
        Map<String, LiveSegment> found = new TreeMap<>();
        for (String type : types) {
            byType.getOrDefault(type, List.of()).forEach(s -> found.put(s.id(), s));
        }
        for (String name : attributes) {
            byAttribute.getOrDefault(name, List.of()).forEach(s -> found.put(s.id(), s));
        }
        everything.forEach(s -> found.put(s.id(), s));
        if (timeMoved) {
            moving.forEach(s -> found.put(s.id(), s));
        }
        return found.values();
    }
}
