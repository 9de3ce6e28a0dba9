package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.List;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.TextToken.Kind;

/**
 * Splits rule text into tokens: words ({@code [A-Za-z_][A-Za-z0-9_.]*}), strings in double
 * quotes with JSON escapes, numbers in JSON syntax, the punctuation
 * {@code ( ) [ ] , = != > >= < <= :}, and comments from {@code #} to the end of the line.
 * Lines and columns are 1-based and count UTF-16 code units, like the JSON reader's.
 */
final class TextLexer {

    /** Far more than a rule a person writes; keeps a pasted blob from costing memory. */
    static final int MAX_TOKENS = 100_000;

    private final String file;
    private final String text;
    private int index;
    private int line = 1;
    private int lineStart;

    private TextLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    static List<TextToken> tokens(String file, String text) throws SegmentFileException {
        return new TextLexer(file, text).all();
    }

    private List<TextToken> all() throws SegmentFileException {
        List<TextToken> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            TextToken token = next();
            tokens.add(token);
            if (token.kind() == Kind.END) {
                return tokens;
            }
            if (tokens.size() > MAX_TOKENS) {
                throw new SegmentFileException(file, token.position(), "the rule is longer than " + MAX_TOKENS + " tokens");
            }
        }
    }

    private Position here() {
        return new Position(line, index - lineStart + 1);
    }

    private void skipSpaceAndComments() {
        while (index < text.length()) {
            char c = text.charAt(index);
            if (c == '#') {
                while (index < text.length() && text.charAt(index) != '\n') {
                    index++;
                }
            } else if (c == '\n') {
                index++;
                line++;
                lineStart = index;
            } else if (Character.isWhitespace(c)) {
                index++;
            } else {
                return;
            }
        }
    }

    private TextToken next() throws SegmentFileException {
        Position position = here();
        if (index >= text.length()) {
            return new TextToken(Kind.END, "", position);
        }
        char c = text.charAt(index);
        if (isWordStart(c)) {
            int start = index;
            while (index < text.length() && isWordPart(text.charAt(index))) {
                index++;
            }
            return new TextToken(Kind.WORD, text.substring(start, index), position);
        }
        if (c == '"') {
            return new TextToken(Kind.STRING, string(position), position);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return new TextToken(Kind.NUMBER, number(position), position);
        }
        for (String p : List.of(">=", "<=", "!=", "(", ")", "[", "]", ",", "=", ">", "<", ":")) {
            if (text.startsWith(p, index)) {
                index += p.length();
                return new TextToken(Kind.PUNCTUATION, p, position);
            }
        }
        throw new SegmentFileException(file, position, "unexpected character '" + printable(text.codePointAt(index)) + "'"
                + (c == '\'' ? "; strings are written in double quotes" : ""));
    }

    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || (c >= '0' && c <= '9') || c == '.';
    }

    private String string(Position position) throws SegmentFileException {
        StringBuilder out = new StringBuilder();
        index++;
        while (true) {
            if (index >= text.length() || text.charAt(index) == '\n') {
                throw new SegmentFileException(file, position, "unterminated string; close it with \" on the same line");
            }
            char c = text.charAt(index);
            if (c == '"') {
                index++;
                return out.toString();
            }
            if (c == '\\') {
                Position escape = here();
                if (index + 1 >= text.length()) {
                    throw new SegmentFileException(file, escape, "unterminated string; close it with \" on the same line");
                }
                char e = text.charAt(index + 1);
                index += 2;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> out.append(unicodeEscape(escape));
                    default -> throw new SegmentFileException(file, escape, "unknown escape '\\" + e
                            + "' (use \\\", \\\\, \\n, \\t or \\uXXXX)");
                }
            } else {
                out.append(c);
                index++;
            }
        }
    }

    private char unicodeEscape(Position escape) throws SegmentFileException {
        if (index + 4 > text.length() || !text.substring(index, index + 4).matches("[0-9a-fA-F]{4}")) {
            throw new SegmentFileException(file, escape, "\\u needs four hex digits");
        }
        char c = (char) Integer.parseInt(text.substring(index, index + 4), 16);
        index += 4;
        return c;
    }

    private String number(Position position) throws SegmentFileException {
        int start = index;
        while (index < text.length() && "+-.eE0123456789".indexOf(text.charAt(index)) >= 0) {
            index++;
        }
        String numeral = text.substring(start, index);
        if (!TextLiterals.JSON_NUMBER.matcher(numeral).matches()) {
            throw new SegmentFileException(file, position, "malformed number '" + numeral + "'");
        }
        return numeral;
    }

    private static String printable(int codePoint) {
        return Character.isISOControl(codePoint) ? String.format("\\u%04x", codePoint) : new String(Character.toChars(codePoint));
    }
}
