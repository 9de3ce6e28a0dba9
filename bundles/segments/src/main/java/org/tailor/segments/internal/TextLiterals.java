package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** How the text syntax writes literals and names, shared by its printer and by explain traces. */
final class TextLiterals {

    /** RFC 8259 number syntax, the only number syntax the text accepts. */
    static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    /**
     * The words that start a construct where a condition is expected, and the connectives: a name
     * spelt like one is printed in quotes. Other words of the grammar (where, within, category…)
     * only appear where no name can, so names may use them bare.
     */
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "all", "any", "event", "no", "bought", "segment",
            "purchase", "birthday", "anniversary", "score", "cluster", "consent", "lifecycle", "true", "false");

    private TextLiterals() {
    }

    /** A string in double quotes with JSON escapes; control characters as {@code \\uXXXX}. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c) && !pairedAt(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A name bare when it reads as one and is no keyword, otherwise quoted. */
    static String name(String name) {
        return WORD.matcher(name).matches() && !KEYWORDS.contains(name) ? name : quote(name);
    }

    /** A rule literal: a string, number, boolean or list of those. */
    static String literal(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(TextLiterals::literal).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof BigDecimal d) {
            return d.toString();
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        throw new IllegalArgumentException("not a rule literal: " + value);
    }

    /** A value met in a profile or event, for explain traces. */
    static String value(Object value) {
        if (value == null) {
            return "missing";
        }
        if (value instanceof String s) {
            return quote(s.length() > 60 ? s.substring(0, 60) + "..." : s);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /** A window bound: a {@link LocalDate} or an {@link Instant}, in ISO-8601. */
    static String date(Object date) {
        if (date instanceof LocalDate || date instanceof Instant) {
            return quote(date.toString());
        }
        throw new IllegalArgumentException("not a date: " + date);
    }
}
