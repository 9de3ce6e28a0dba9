package org.tailor.runtime.internal;

import java.util.ArrayList;
import java.util.List;

/** The problem lines of one report, capped so that a broken template cannot flood the console. */
final class ProblemLines {

    static final int LIMIT = 100;

    private final List<String> lines = new ArrayList<>();
    private long total;

    synchronized void add(String line) {
        total++;
        if (lines.size() < LIMIT) {
            lines.add(line);
        }
    }

    /** At most {@link #LIMIT} lines; the last one says how many were left out, if any were. */
    synchronized List<String> toList() {
        if (total <= LIMIT) {
            return List.copyOf(lines);
        }
        List<String> capped = new ArrayList<>(lines.subList(0, LIMIT - 1));
        capped.add("... and " + (total - (LIMIT - 1)) + " more problems not listed");
        return List.copyOf(capped);
    }
}
