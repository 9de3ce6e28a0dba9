package org.tailor.segments.internal;

import org.tailor.segments.internal.LocatedJson.Position;

/**
 * A segment file that cannot be loaded. The message is the one line an admin needs:
 * {@code <file>:<line>:<column>: <reason>}, for example
 * {@code outdoor-fans.json:7:14: unknown operator 'equals' (did you mean 'eq'?)}. When the file is
 * JSON and the problem is in a node, the node's JSON-pointer-like path follows the position:
 * {@code outdoor-fans.json:7:14: /rule/where/0/op: unknown operator 'equals' (did you mean 'eq'?)}.
 */
final class SegmentFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient Position position;
    private final String reason;

    private final String path;

    SegmentFileException(String file, Position position, String reason) {
        this(file, position, "", reason);
    }

    SegmentFileException(String file, Position position, String path, String reason) {
        super(oneLine(file) + ":" + position + ": " + (path.isEmpty() ? "" : oneLine(path) + ": ") + oneLine(reason));
        this.file = file;
        this.position = position;
        this.path = path;
        this.reason = oneLine(reason);
    }

    /** Where in the JSON tree, like {@code /rule/all/0/op}; empty for the document or a text file. */
    String path() {
        return path;
    }

    /** Control characters (a JSON string may hold "\n") escaped, so that a problem stays one line. */
    private static String oneLine(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    String file() {
        return file;
    }

    Position position() {
        return position;
    }

    String reason() {
        return reason;
    }
}
