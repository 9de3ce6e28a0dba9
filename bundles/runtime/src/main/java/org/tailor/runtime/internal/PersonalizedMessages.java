package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;

/**
 * One campaign's message for one person: the template variables, the rendering and the outbox
 * entry. Shared by preview and send so that a preview shows exactly what would be sent.
 *
 * <p>Thread safe.
 */
final class PersonalizedMessages {

    private final ContentRenderer renderer;
    private final UnsubscribeTokens tokens;
    private final String unsubscribeUrl;
    private final String unsubscribeMailbox;

    /**
     * @param unsubscribeUrl the absolute http(s) URL of the one-click unsubscribe endpoint
     * @param unsubscribeMailbox the address that unsubscribes by mail
     * @throws IllegalArgumentException if the URL is not absolute http or https
     */
    PersonalizedMessages(ContentRenderer renderer, UnsubscribeTokens tokens, String unsubscribeUrl,
                         String unsubscribeMailbox) {
        URI url;
        try {
            url = URI.create(unsubscribeUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unsubscribe.url '" + unsubscribeUrl + "' is not a URL: " + e.getMessage(), e);
        }
        if (!("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("unsubscribe.url '" + unsubscribeUrl + "' must be an absolute http or https URL");
        }
        if (unsubscribeMailbox.isBlank() || unsubscribeMailbox.contains("?") || unsubscribeMailbox.contains(" ")) {
            throw new IllegalArgumentException("unsubscribe.mailto '" + unsubscribeMailbox + "' must be a plain address");
        }
        this.renderer = renderer;
        this.tokens = tokens;
        this.unsubscribeUrl = url.toString();
        this.unsubscribeMailbox = unsubscribeMailbox.strip();
    }

    /** SHA-256 hex of (campaign, profile, version): the same person never gets the same version twice. */
    static String idempotencyKey(String campaignId, String profileId, int version) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            // NUL cannot occur in a campaign id or a version, so the split is unambiguous.
            String joined = campaignId + '\0' + profileId + '\0' + version;
            return HexFormat.of().formatHex(sha.digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    String token(CampaignDefinition definition, Profile profile) {
        return tokens.sign(new UnsubscribeToken(profile.id(), definition.campaign().purpose(), definition.id()));
    }

    URI unsubscribeUrl(String token) {
        return URI.create(unsubscribeUrl + (unsubscribeUrl.contains("?") ? "&" : "?") + "token=" + token);
    }

    URI unsubscribeMailto(String token) {
        return URI.create("mailto:" + unsubscribeMailbox + "?subject=unsubscribe-" + token);
    }

    /** Renders the message for the profile, with the variables every campaign template may use. */
    RenderedMessage render(CampaignDefinition definition, Profile profile, String recipient, String token)
            throws RenderException {
        Map<String, Object> variables = Map.of(
                "unsubscribe_url", unsubscribeUrl(token).toString(),
                "campaign", Map.of("id", definition.id(), "name", definition.campaign().name()));
        return renderer.render(definition.campaign().templateId(), profile, recipient, variables);
    }

    /** Renders for preview: the profile's own address, a real token. */
    RenderedMessage preview(CampaignDefinition definition, Profile profile) throws RenderException {
        Optional<String> email = profile.email();
        if (email.isEmpty()) {
            throw new IllegalArgumentException("profile " + profile.id() + " has no email address; nothing would be sent to it");
        }
        return render(definition, profile, email.get(), token(definition, profile));
    }

    /** The complete outbox entry for a rendered message. */
    OutboxEntry entry(MimeMessageBuilder builder, CampaignDefinition definition, RenderedMessage message,
                      String key, String token, Instant now) throws MessagingException {
        byte[] mime = builder.build(message, new MimeMessageBuilder.Envelope(definition.campaign(), key,
                unsubscribeUrl(token), unsubscribeMailto(token), now));
        return new OutboxEntry(key, definition.id(), message.profileId(), message.recipient(), mime,
                OutboxStatus.PENDING, now, "");
    }
}
