package org.tailor.runtime.internal;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tailor.api.model.RenderedMessage;

/**
 * The double opt-in message from the configured texts: the plain text as written, and an HTML part
 * made from it with the confirm link as the only link. No template engine: the message is the same
 * for everyone apart from the link, and must not depend on attributes the person has not yet
 * allowed us to use.
 */
final class ConfirmationMessage {

    private static final DateTimeFormatter EXPIRY =
            DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Pattern PARAGRAPHS = Pattern.compile("\\R\\s*\\R");

    private final String subject;
    private final String text;

    ConfirmationMessage(String subject, String text) {
        this.subject = subject;
        // Configuration admin keeps a typed "\n" as two characters; the description promises line breaks.
        this.text = text.replace("\\n", "\n");
    }

    RenderedMessage render(String profileId, String recipient, String purpose, URI confirmUrl, Instant expires) {
        String purposeName = purpose.replace('_', ' ');
        String url = confirmUrl.toASCIIString();
        String plain = fill(text, purposeName, url, EXPIRY.format(expires));
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
        for (String paragraph : PARAGRAPHS.split(plain.strip())) {
            String escaped = escape(paragraph.strip()).replace("\n", "<br>");
            String link = escape(url);
            html.append("<p>").append(escaped.replace(link, "<a href=\"" + link + "\">" + link + "</a>")).append("</p>");
        }
        html.append("</body></html>");
        return new RenderedMessage(profileId, recipient, fill(subject, purposeName, url, EXPIRY.format(expires)),
                html.toString(), plain);
    }

    private static String fill(String template, String purpose, String url, String expires) {
        return template.replace("{purpose}", purpose).replace("{confirm_url}", url).replace("{expires}", expires);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
