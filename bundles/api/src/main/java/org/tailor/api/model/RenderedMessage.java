package org.tailor.api.model;

import java.util.Objects;

/**
 * The personalized content of one message for one recipient, before it becomes RFC 5322 mail.
 *
 * <p>Immutable.
 *
 * @param profileId the recipient's profile, never null
 * @param recipient the address the message goes to, never null
 * @param subject the personalized subject line, never null
 * @param html the HTML part, never null
 * @param text the plain-text part, never null
 */
public record RenderedMessage(String profileId, String recipient, String subject, String html, String text) {

    public RenderedMessage {
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }
}
