package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.ExplainedMessage;
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
    private final SubscriptionService subscriptions;

    /** @param subscriptions makes each recipient's signed unsubscribe and preference links */
    PersonalizedMessages(ContentRenderer renderer, SubscriptionService subscriptions) {
        this.renderer = renderer;
        this.subscriptions = subscriptions;
    }

    /** SHA-256 hex of (campaign, profile, version): the same person never gets the same version twice. */
    static String idempotencyKey(String campaignId, String profileId, int version) {
        return IdempotencyKeys.of(campaignId, profileId, Integer.toString(version));
    }

    /** The recipient's links for this campaign: a new single-use token each time. */
    UnsubscribeLinks links(CampaignDefinition definition, Profile profile) {
        return subscriptions.unsubscribeLinks(profile.id(), definition.campaign().purpose(), definition.id());
    }

    /** Renders the message for the profile, with the variables every campaign template may use. */
    RenderedMessage render(CampaignDefinition definition, Profile profile, String recipient, UnsubscribeLinks links)
            throws RenderException {
        return renderer.render(definition.campaign().templateId(), profile, recipient, variables(definition, links));
    }

    private static Map<String, Object> variables(CampaignDefinition definition, UnsubscribeLinks links) {
        return Map.of(
                "unsubscribe_url", links.oneClickUrl().toString(),
                "preferences_url", links.preferencesUrl().toString(),
                "campaign", Map.of("id", definition.id(), "name", definition.campaign().name()));
    }

    /** Renders for preview: the profile's own address, real links. */
    RenderedMessage preview(CampaignDefinition definition, Profile profile) throws RenderException {
        return render(definition, profile, address(profile), links(definition, profile));
    }

    /** Renders for preview with the renderer's explanation of every choice. */
    ExplainedMessage explain(CampaignDefinition definition, Profile profile) throws RenderException {
        return renderer.explain(definition.campaign().templateId(), profile, address(profile),
                variables(definition, links(definition, profile)));
    }

    private static String address(Profile profile) {
        return profile.email().orElseThrow(() -> new IllegalArgumentException(
                "profile " + profile.id() + " has no email address; nothing would be sent to it"));
    }

    /** The complete outbox entry for a rendered message. */
    OutboxEntry entry(MimeMessageBuilder builder, CampaignDefinition definition, RenderedMessage message,
                      String key, UnsubscribeLinks links, Instant now, Instant notBefore) throws MessagingException {
        byte[] mime = builder.build(message, new MimeMessageBuilder.Envelope(definition.id(),
                definition.campaign().fromAddress(), key, Optional.of(links), now));
        return new OutboxEntry(key, definition.id(), message.profileId(), message.recipient(), mime,
                OutboxStatus.PENDING, now, "", notBefore);
    }
}
