package org.tailor.connector.collector.internal;

/** Small text helpers for messages that quote client input. */
final class Texts {

    private static final int EXCERPT = 80;

    private Texts() {
    }

    /** At most 80 characters of a value, so that an error stays readable; control characters shown as '?'. */
    static String excerpt(String value) {
        String cut = value.length() > EXCERPT ? value.substring(0, EXCERPT) + "…" : value;
        StringBuilder clean = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return clean.toString();
    }
}
