package org.tailor.benchmarks.templates;

/**
 * The escaping every engine applies to every inserted value, so that their outputs can be
 * compared byte for byte: the five characters that matter in element content and quoted
 * attributes, as Tailor, Pebble and FreeMarker write them ({@code &amp; &lt; &gt; &quot; &#39;}).
 * jte writes {@code &#34;} and leaves quotes alone outside attributes, and plain Velocity has no
 * escaping of its own beyond commons-lang's entity tables; those two engines use this instead.
 */
public final class HtmlEscape {

    private HtmlEscape() {
    }

    /** The entity for a character that must be escaped, or null. */
    static String entity(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }

    public static String escape(String text) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            String entity = entity(text.charAt(i));
            if (entity != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, copied, i).append(entity);
                copied = i + 1;
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
