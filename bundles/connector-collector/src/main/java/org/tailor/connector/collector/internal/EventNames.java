package org.tailor.connector.collector.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a Segment event name ({@code "Order Completed"}, {@code "orderCompleted"},
 * {@code "Produkt angesehen – Übersicht"}) into an event type Tailor accepts: lower snake case,
 * {@code [a-z][a-z0-9_]{0,63}}. Accents are dropped, camel case and every run of other
 * characters become one underscore, a leading digit gets an {@code event_} prefix, and the result
 * is cut at 64 characters.
 */
final class EventNames {

    static final int MAX_LENGTH = 64;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private EventNames() {
    }

    /** The event type for a name, or empty if the name has no letter or digit at all. */
    static Optional<String> toType(String name) {
        // Most names are plain ASCII; only the others need decomposing to drop their accents.
        String plain = isAscii(name) ? name : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder out = new StringBuilder(plain.length() + 8);
        boolean pendingSeparator = false;
        char previous = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            boolean asciiLetterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!asciiLetterOrDigit) {
                pendingSeparator = out.length() > 0;
                previous = c;
                continue;
            }
            boolean camelBoundary = c >= 'A' && c <= 'Z'
                    && ((previous >= 'a' && previous <= 'z') || (previous >= '0' && previous <= '9')
                        || (previous >= 'A' && previous <= 'Z' && i + 1 < plain.length()
                            && plain.charAt(i + 1) >= 'a' && plain.charAt(i + 1) <= 'z'));
            if ((pendingSeparator || camelBoundary) && out.length() > 0) {
                out.append('_');
            }
            pendingSeparator = false;
            out.append(Character.toLowerCase(c));
            previous = c;
        }
        if (out.length() == 0) {
            return Optional.empty();
        }
        if (out.charAt(0) >= '0' && out.charAt(0) <= '9') {
            out.insert(0, "event_");
        }
        String type = out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
        while (type.endsWith("_")) {
            type = type.substring(0, type.length() - 1);
        }
        return Optional.of(type.toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }
}
