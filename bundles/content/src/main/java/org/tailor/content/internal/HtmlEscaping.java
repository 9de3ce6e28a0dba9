package org.tailor.content.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * HTML escaping for values inserted into the HTML part, and the decoding that the generated text
 * part needs.
 *
 * <p>Escapes the five characters that matter in element content and in quoted attributes, the
 * apostrophe included so that a value cannot leave a single-quoted attribute
 * ({@code <a title='$x'>}); {@code &#39;} rather than {@code &apos;}, which HTML 4 mail clients
 * do not know. Everything else is left as is: the message is UTF-8.
 */
final class HtmlEscaping {

    /** HTML 4's Latin-1 entities, {@code &nbsp;} (U+00A0) to {@code &yuml;} (U+00FF), in code point order. */
    private static final String[] LATIN_1 = ("nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy "
            + "reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest "
            + "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml "
            + "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig "
            + "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml "
            + "eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml")
            .split(" ");

    private static final Map<String, Integer> NAMED = namedEntities();

    private HtmlEscaping() {
    }

    private static Map<String, Integer> namedEntities() {
        Map<String, Integer> named = new HashMap<>();
        for (int i = 0; i < LATIN_1.length; i++) {
            named.put(LATIN_1[i], 0xA0 + i);
        }
        named.putAll(Map.ofEntries(Map.entry("amp", (int) '&'), Map.entry("lt", (int) '<'),
                Map.entry("gt", (int) '>'), Map.entry("quot", (int) '"'), Map.entry("apos", (int) '\''),
                Map.entry("ensp", 0x2002), Map.entry("emsp", 0x2003), Map.entry("thinsp", 0x2009),
                Map.entry("zwnj", 0x200C), Map.entry("zwj", 0x200D), Map.entry("lrm", 0x200E),
                Map.entry("rlm", 0x200F), Map.entry("ndash", 0x2013), Map.entry("mdash", 0x2014),
                Map.entry("lsquo", 0x2018), Map.entry("rsquo", 0x2019), Map.entry("sbquo", 0x201A),
                Map.entry("ldquo", 0x201C), Map.entry("rdquo", 0x201D), Map.entry("bdquo", 0x201E),
                Map.entry("dagger", 0x2020), Map.entry("Dagger", 0x2021), Map.entry("bull", 0x2022),
                Map.entry("hellip", 0x2026), Map.entry("permil", 0x2030), Map.entry("lsaquo", 0x2039),
                Map.entry("rsaquo", 0x203A), Map.entry("euro", 0x20AC), Map.entry("trade", 0x2122)));
        return Map.copyOf(named);
    }

    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Decodes character references in one left-to-right pass ({@code &amp;lt;} becomes
     * {@code &lt;}, not {@code <}), so that it undoes {@link #escape} exactly. A reference it does
     * not know, or one without its semicolon, stays as written.
     */
    static String unescape(String html) {
        int amp = html.indexOf('&');
        if (amp < 0) {
            return html;
        }
        StringBuilder out = new StringBuilder(html.length());
        int copied = 0;
        while (amp >= 0) {
            int semicolon = html.indexOf(';', amp + 1);
            int codePoint = semicolon < 0 || semicolon - amp > 12 ? -1 : codePoint(html.substring(amp + 1, semicolon));
            if (codePoint >= 0) {
                out.append(html, copied, amp).appendCodePoint(codePoint);
                copied = semicolon + 1;
                amp = html.indexOf('&', copied);
            } else {
                amp = html.indexOf('&', amp + 1);
            }
        }
        return out.append(html, copied, html.length()).toString();
    }

    /** The code point an entity name ({@code amp}, {@code #39}, {@code #x27}) stands for, or -1. */
    private static int codePoint(String name) {
        if (name.startsWith("#x") || name.startsWith("#X")) {
            return number(name.substring(2), 16);
        }
        if (name.startsWith("#")) {
            return number(name.substring(1), 10);
        }
        return NAMED.getOrDefault(name, -1);
    }

    private static int number(String digits, int radix) {
        if (digits.isEmpty() || digits.length() > 7) {
            return -1;
        }
        try {
            int value = Integer.parseInt(digits, radix);
            return value > 0 && Character.isValidCodePoint(value) ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
