package org.tailor.segments.internal;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.tailor.segments.internal.LocatedJson.Member;
import org.tailor.segments.internal.LocatedJson.ObjectNode;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.LocatedJson.StringNode;

/**
 * What the parsers of Tailor's strict JSON files (segments, lifecycles, scoring plans) share:
 * reading typed members and reporting a problem at its line, column and JSON pointer.
 */
abstract class LocatedJsonParser {

    /** How the file is named in messages. */
    protected final String file;

    protected LocatedJsonParser(String file) {
        this.file = file;
    }

    protected final ObjectNode object(LocatedJson node, String path, String what) throws SegmentFileException {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw error(node, path, what + " must be a JSON object, got " + LocatedJson.kind(node));
    }

    /** Refuses a member not in {@code allowed}, suggesting the nearest allowed key. */
    protected final void onlyKeys(ObjectNode object, String path, List<String> allowed) throws SegmentFileException {
        for (Member member : object.members().values()) {
            if (!allowed.contains(member.key())) {
                throw error(member.keyPosition(), child(path, member.key()),
                        "unknown key '" + member.key() + "' " + Suggestions.hint(member.key(), allowed));
            }
        }
    }

    protected final LocatedJson required(ObjectNode object, String path, String key, String what) throws SegmentFileException {
        return optional(object, key).orElseThrow(() -> error(object, path, "missing '" + key + "' in " + what));
    }

    protected static Optional<LocatedJson> optional(ObjectNode object, String key) {
        return Optional.ofNullable(object.members().get(key)).map(Member::value);
    }

    protected final String string(LocatedJson node, String path, String key) throws SegmentFileException {
        if (node instanceof StringNode s) {
            return s.value();
        }
        throw error(node, path, "'" + key + "' must be a string, got " + LocatedJson.kind(node));
    }

    /** A JSON pointer one level down, escaped as RFC 6901 says. */
    protected static String child(String path, String key) {
        return path + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    protected static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }

    protected final SegmentFileException error(LocatedJson node, String path, String reason) {
        return error(node.position(), path, reason);
    }

    protected final SegmentFileException error(Position position, String path, String reason) {
        return new SegmentFileException(file, position, path, reason);
    }
}
