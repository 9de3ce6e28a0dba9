package org.tailor.segments.internal;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.Not;

/**
 * The limits on a rule's size, checked by both parsers once a rule is read, so that a huge or
 * deeply nested rule is a load error at the node that crosses the line rather than slow
 * evaluation later. Parsers record where each node was written; not thread safe, one per parse.
 */
final class RuleBudget {

    /** Deeper than any rule a person means to write; the root is level 1, and all, any, not each add one. */
    static final int MAX_DEPTH = 32;
    /** Conditions plus all/any/not nodes in one rule. */
    static final int MAX_NODES = 1_000;

    /** Where a node was written: its position and, in JSON, its path. */
    record Place(Position position, String path) {
    }

    private final String file;
    private final Map<Rule, Place> places = new IdentityHashMap<>();
    private int nodes;

    RuleBudget(String file) {
        this.file = file;
    }

    /** Remembers where {@code rule} was written and returns it. */
    <R extends Rule> R at(R rule, Position position, String path) {
        places.put(rule, new Place(position, path));
        return rule;
    }

    /** Throws for the first node, in reading order, that is too deep or one too many. */
    void check(Rule root) throws SegmentFileException {
        nodes = 0;
        visit(root, 1);
    }

    private void visit(Rule rule, int depth) throws SegmentFileException {
        if (depth > MAX_DEPTH) {
            throw error(rule, "the rule is nested more than " + MAX_DEPTH + " levels deep; split it into segments "
                    + "that refer to each other");
        }
        if (++nodes > MAX_NODES) {
            throw error(rule, "the rule has more than " + MAX_NODES + " conditions and groups; split it into segments "
                    + "that refer to each other");
        }
        List<Rule> children = rule instanceof All all ? all.rules() : rule instanceof Any any ? any.rules()
                : rule instanceof Not not ? List.of(not.rule()) : List.of();
        for (Rule child : children) {
            visit(child, depth + 1);
        }
    }

    private SegmentFileException error(Rule rule, String reason) {
        Place place = places.getOrDefault(rule, new Place(new Position(1, 1), ""));
        return new SegmentFileException(file, place.position(), place.path(), reason);
    }
}
