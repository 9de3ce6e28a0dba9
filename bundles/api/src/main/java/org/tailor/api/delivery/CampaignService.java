package org.tailor.api.delivery;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.content.RenderException;
import org.tailor.api.model.Campaign;
import org.tailor.api.model.Identity;
import org.tailor.api.model.RenderedMessage;

/**
 * Campaigns: list them, preview one for a person, send one.
 *
 * <p>Thread safe. Sending the same campaign twice never mails a recipient twice: the outbox's
 * idempotency key is (campaign, recipient, message version).
 */
@ProviderType
public interface CampaignService {

    /** Every campaign definition currently loaded, by id; never null. */
    List<Campaign> campaigns();

    /** The campaign with this id, or empty. */
    Optional<Campaign> campaign(String id);

    /**
     * Renders the campaign's message for one person exactly as it would be sent, without
     * sending it and without checking consent (the caller is an admin looking at content).
     *
     * @throws IllegalArgumentException if the campaign or the person is unknown
     * @throws RenderException if the template fails for this person
     */
    RenderedMessage preview(String campaignId, Identity person) throws RenderException;

    /**
     * Renders as {@link #preview} does, for a profile id, and says why: the variant of each slot and
     * the reason, the merge fields that used their defaults, and what consent let the template read.
     *
     * @throws IllegalArgumentException if the campaign or the profile is unknown, or it has no address
     * @throws RenderException if the template fails for this person
     */
    ExplainedMessage explainPreview(String campaignId, String profileId) throws RenderException;

    /**
     * Why the person did or did not get the campaign's message, or would or would not if it were sent
     * now: membership, address, consent, frequency cap, quiet hours and the outbox entry, one line
     * each, in the order a send checks them.
     *
     * @throws IllegalArgumentException if the campaign or the profile is unknown
     */
    List<String> why(String campaignId, String profileId);

    /** The campaign's outbox now: entries per status and those handed out again. */
    CampaignProgress progress(String campaignId);

    /**
     * Resolves the audience now, checks consent per recipient, renders, writes the outbox and
     * relays it through the configured transport. Returns when the outbox is drained.
     *
     * @throws IllegalArgumentException if the campaign is unknown
     * @throws IllegalStateException if its segment, template or transport is unavailable
     */
    SendReport send(String campaignId);
}
