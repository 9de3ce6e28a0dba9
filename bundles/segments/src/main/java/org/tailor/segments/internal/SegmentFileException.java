package org.tailor.segments.internal;

import org.tailor.segments.internal.LocatedJson.Position;

/**
 * A segment file that cannot be loaded. The message is the one line an admin needs:
 * {@code <file>:<line>:<column>: <reason>}, for example
 * {@code outdoor-fans.json:7:14: unknown operator 'equals' (did you mean 'eq'?)}.
 */
final class SegmentFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient Position position;
    private final String reason;

    SegmentFileException(String file, Position position, String reason) {
        super(oneLine(file) + ":" + position + ": " + oneLine(reason));
        this.file = file;
        this.position = position;
        this.reason = oneLine(reason);
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
