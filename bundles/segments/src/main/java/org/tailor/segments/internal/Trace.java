package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Why a profile is or is not in a segment: one record per condition, with what it read and
 * what it decided, nested as the rule is. Groups list every child, not only those evaluation
 * needed, so that the whole rule is explained.
 *
 * @param condition the condition in the text syntax, or {@code all of}, {@code any of}, {@code not}
 * @param detail what the condition read and needed, like {@code 2 times within 14 days, needed >= 3}
 * @param result whether it holds; the root's result is the membership
 * @param children the traces of a group's conditions, or of a referenced segment's rule
 */
record Trace(String condition, String detail, boolean result, List<Trace> children) {

    Trace {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(detail, "detail");
        children = List.copyOf(children);
    }

    static Trace leaf(String condition, String detail, boolean result) {
        return new Trace(condition, detail, result, List.of());
    }

    /** The trace as indented lines: {@code condition: detail: result}, two spaces per level. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        append(lines, 0);
        return lines;
    }

    private void append(List<String> lines, int level) {
        lines.add("  ".repeat(level) + condition + (detail.isEmpty() ? "" : ": " + detail) + ": " + result);
        for (Trace child : children) {
            child.append(lines, level + 1);
        }
    }
}
