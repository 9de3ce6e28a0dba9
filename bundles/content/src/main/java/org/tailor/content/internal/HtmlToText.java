package org.tailor.content.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the plain-text part from the rendered HTML when a pack has no body.txt.vm: drops
 * markup, keeps link targets as {@code text (url)}, decodes entities, collapses whitespace the
 * way a browser does and keeps paragraph and line breaks.
 *
 * <p>Not an HTML parser: it handles the markup of email templates (well-formed enough to render
 * in mail clients), which is all it is given.
 */
final class HtmlToText {

    private static final char PARAGRAPH = '\u0001';
    private static final char LINE = '\u0002';

    private static final Pattern INVISIBLE = Pattern.compile(
            "<!--.*?-->|<(head|style|script|title)\\b[^>]*>.*?</\\1\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile(
            "<a\\b([^>]*)>(.*?)</a\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile(
            "\\bhref\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern LINE_BREAK = Pattern.compile("<br\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIST_ITEM = Pattern.compile("<li\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK = Pattern.compile(
            "</?(p|div|h[1-6]|table|tr|ul|ol|blockquote|pre|hr|section|article|header|footer|body|html)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CELL_END = Pattern.compile("</(td|th)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    private HtmlToText() {
    }

    static String convert(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = links(text);
        text = LINE_BREAK.matcher(text).replaceAll(String.valueOf(LINE));
        text = LIST_ITEM.matcher(text).replaceAll(LINE + "- ");
        text = BLOCK.matcher(text).replaceAll(String.valueOf(PARAGRAPH));
        text = CELL_END.matcher(text).replaceAll(" ");
        text = TAG.matcher(text).replaceAll("");
        // Source line breaks are just spaces in HTML; only the markers above break lines.
        text = SPACES.matcher(text).replaceAll(" ");
        text = HtmlEscaping.unescape(text).replace('\u00A0', ' ');
        return layout(text);
    }

    private static String links(String html) {
        Matcher link = LINK.matcher(html);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String label = TAG.matcher(link.group(2)).replaceAll("").strip();
            String url = href(link.group(1));
            String replacement;
            if (url == null || url.isEmpty() || url.startsWith("#")) {
                replacement = label;
            } else if (label.isEmpty() || sameTarget(label, url)) {
                replacement = url;
            } else {
                replacement = label + " (" + url + ")";
            }
            link.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        link.appendTail(out);
        return out.toString();
    }

    private static String href(String attributes) {
        Matcher href = HREF.matcher(attributes);
        if (!href.find()) {
            return null;
        }
        String value = href.group(1) != null ? href.group(1) : href.group(2) != null ? href.group(2) : href.group(3);
        // Kept escaped until the whole text is decoded, so "&amp;" in a URL decodes once.
        return value.strip();
    }

    private static boolean sameTarget(String label, String url) {
        String plainUrl = url.toLowerCase(Locale.ROOT).replaceFirst("^(mailto:|https?://)", "");
        String plainLabel = label.toLowerCase(Locale.ROOT).replaceFirst("^(https?://)", "");
        return plainUrl.equals(plainLabel) || plainUrl.equals(plainLabel + "/");
    }

    /** Turns the break markers into newlines: at most one blank line, no stray spaces, none at either end. */
    private static String layout(String text) {
        StringBuilder out = new StringBuilder();
        int lineBreaks = 0;
        boolean paragraph = false;
        for (String token : text.split("(?=[\\u0001\\u0002])|(?<=[\\u0001\\u0002])")) {
            if (token.equals(String.valueOf(PARAGRAPH))) {
                paragraph = true;
            } else if (token.equals(String.valueOf(LINE))) {
                lineBreaks++;
            } else if (!token.isBlank()) {
                if (out.length() > 0) {
                    out.append(paragraph ? "\n\n" : "\n".repeat(Math.min(lineBreaks, 2)));
                }
                out.append(token.strip());
                lineBreaks = 0;
                paragraph = false;
            }
        }
        return out.toString();
    }
}
