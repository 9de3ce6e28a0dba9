package org.tailor.ingest.internal;

/** Quoting of offending values in violation reasons, kept short so a reject line stays readable. */
final class Text {

    private static final int SHOWN = 80;

    private Text() {
    }

    static String shorten(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…";
    }

    static String quote(Object value) {
        return "'" + shorten(String.valueOf(value)) + "'";
    }
}
