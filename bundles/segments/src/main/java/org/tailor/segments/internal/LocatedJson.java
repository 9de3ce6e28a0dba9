package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as a tree whose every node remembers where it starts in the file, so that
 * validation can point at the exact node it rejects.
 */
sealed interface LocatedJson {

    Position position();

    /** A 1-based line and column in the file. */
    record Position(int line, int column) {
        @Override
        public String toString() {
            return line + ":" + column;
        }
    }

    /** An object member: where its key is (for "unknown key") and its value. */
    record Member(String key, Position keyPosition, LocatedJson value) {
    }

    /** Members in file order; keys are unique (the reader rejects duplicates). */
    record ObjectNode(Position position, Map<String, Member> members) implements LocatedJson {
        public ObjectNode {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    record ArrayNode(Position position, List<LocatedJson> items) implements LocatedJson {
        public ArrayNode {
            items = List.copyOf(items);
        }
    }

    record StringNode(Position position, String value) implements LocatedJson {
    }

    /** A number exactly as written ({@code 1.50} keeps its scale); integral if written without fraction or exponent. */
    record NumberNode(Position position, BigDecimal value, boolean integral) implements LocatedJson {
    }

    record BooleanNode(Position position, boolean value) implements LocatedJson {
    }

    record NullNode(Position position) implements LocatedJson {
    }

    /** What the node is, for messages like "must be a string, got an array". */
    static String kind(LocatedJson node) {
        if (node instanceof ObjectNode) {
            return "an object";
        }
        if (node instanceof ArrayNode) {
            return "an array";
        }
        if (node instanceof StringNode s) {
            // Cut short: a problem line must stay one readable line even for a pasted paragraph.
            String value = s.value().length() > 40 ? s.value().substring(0, 40) + "..." : s.value();
            return "the string \"" + value + "\"";
        }
        if (node instanceof NumberNode n) {
            return "the number " + n.value().toString();
        }
        if (node instanceof BooleanNode b) {
            return String.valueOf(b.value());
        }
        return "null";
    }
}
