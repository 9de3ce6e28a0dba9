package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.SegmentCondition;

/** Which segments refer to which, and the cycles among them. */
final class SegmentGraph {

    private SegmentGraph() {
    }

    /** The ids of the segments the rule refers to, in order. */
    static Set<String> references(Rule rule) {
        Set<String> ids = new TreeSet<>();
        collect(rule, ids);
        return ids;
    }

    private static void collect(Rule rule, Set<String> ids) {
        if (rule instanceof All all) {
            all.rules().forEach(r -> collect(r, ids));
        } else if (rule instanceof Any any) {
            any.rules().forEach(r -> collect(r, ids));
        } else if (rule instanceof Not not) {
            collect(not.rule(), ids);
        } else if (rule instanceof SegmentCondition c) {
            ids.add(c.segment());
        }
    }

    /**
     * A cycle among the segments, as the ids along it with the first repeated at the end
     * ({@code [a, b, a]}), or empty. Searches from ids in sorted order, so the answer is stable.
     */
    static Optional<List<String>> findCycle(Map<String, Set<String>> references) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : new TreeSet<>(references.keySet())) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> cycle = visit(start, references, state, path);
            if (cycle.isPresent()) {
                return cycle;
            }
        }
        return Optional.empty();
    }

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private static Optional<List<String>> visit(String id, Map<String, Set<String>> references, Map<String, Integer> state,
                                                List<String> path) {
        Integer s = state.get(id);
        if (s != null && s == DONE) {
            return Optional.empty();
        }
        if (s != null && s == VISITING) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            cycle.add(id);
            return Optional.of(cycle);
        }
        state.put(id, VISITING);
        path.add(id);
        for (String next : references.getOrDefault(id, Set.of())) {
            if (references.containsKey(next)) {
                Optional<List<String>> cycle = visit(next, references, state, path);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        path.remove(path.size() - 1);
        state.put(id, DONE);
        return Optional.empty();
    }
}
