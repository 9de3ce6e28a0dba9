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
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.SegmentCondition;

/**
 * Which segments refer to which, and the cycles among them. The lifecycle is one more node,
 * {@link #LIFECYCLE}: a rule with a lifecycle condition refers to it, and it refers to what its
 * stages' rules refer to.
 */
final class SegmentGraph {

    /** The lifecycle's node; no segment can have this id, the registry reserves it. */
    static final String LIFECYCLE = "lifecycle";

    private SegmentGraph() {
    }

    /** The ids of the segments the rule refers to, and {@link #LIFECYCLE} if it has a lifecycle condition, in order. */
    static Set<String> references(Rule rule) {
        Set<String> ids = new TreeSet<>();
        collect(rule, ids);
        return ids;
    }

    /** What the stages' rules refer to. */
    static Set<String> references(Lifecycle lifecycle) {
        Set<String> ids = new TreeSet<>();
        lifecycle.stages().forEach(stage -> collect(stage.rule(), ids));
        return ids;
    }

    /** The stage names the rule's lifecycle conditions test, in order. */
    static Set<String> stagesTested(Rule rule) {
        Set<String> stages = new TreeSet<>();
        if (rule instanceof All all) {
            all.rules().forEach(r -> stages.addAll(stagesTested(r)));
        } else if (rule instanceof Any any) {
            any.rules().forEach(r -> stages.addAll(stagesTested(r)));
        } else if (rule instanceof Not not) {
            stages.addAll(stagesTested(not.rule()));
        } else if (rule instanceof LifecycleCondition c) {
            stages.addAll(c.stages());
        }
        return stages;
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
        } else if (rule instanceof LifecycleCondition) {
            ids.add(LIFECYCLE);
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
