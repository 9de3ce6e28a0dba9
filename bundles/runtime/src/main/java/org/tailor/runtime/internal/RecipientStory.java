package org.tailor.runtime.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.OutboxStore;

/**
 * Why one person did or did not get a campaign's message: the checks of a send, in its order, each
 * with its answer now, and what the outbox holds for them. For the support question "why did I
 * (not) get this?".
 */
final class RecipientStory {

    private final CampaignDefinition definition;
    private final SegmentService segments;
    private final ConsentService consent;
    private final OutboxStore outbox;
    private final SendRules rules;
    private final Clock clock;

    RecipientStory(CampaignDefinition definition, SegmentService segments, ConsentService consent, OutboxStore outbox,
                   SendRules rules, Clock clock) {
        this.definition = definition;
        this.segments = segments;
        this.consent = consent;
        this.outbox = outbox;
        this.rules = rules;
        this.clock = clock;
    }

    List<String> tell(Profile profile) {
        List<String> story = new ArrayList<>();
        Instant now = clock.instant();
        String key = PersonalizedMessages.idempotencyKey(definition.id(), profile.id(), definition.version());
        Optional<OutboxEntry> entry = outbox.find(key);
        entry.ifPresentOrElse(e -> story.add("Outbox: " + e.status().name().toLowerCase(java.util.Locale.ROOT)
                        + " since " + e.createdAt() + (e.detail().isEmpty() ? "" : " (" + e.detail() + ")")
                        + (e.notBefore().isAfter(now) ? ", held until " + e.notBefore() + " (quiet hours)" : "")
                        + ": a send of version " + definition.version() + " does not write it again"),
                () -> story.add("Outbox: no message of version " + definition.version() + " for this person"));
        String segmentId = definition.campaign().segmentId();
        boolean member = segments.isMember(segmentId, profile);
        story.add("Audience: " + (member ? "in" : "not in") + " segment " + segmentId + " now"
                + (member ? "" : " (tailor:segment-explain " + segmentId + " " + profile.id() + " says why)"));
        if (profile.email().isEmpty()) {
            story.add("Address: none, so nothing can be sent");
            return story;
        }
        story.add("Address: present");
        ConsentDecision decision = consent.check(profile.id(), definition.campaign().purpose());
        story.add("Consent for " + definition.campaign().purpose() + ": "
                + (decision.unavailable() ? "could not be read, a send would pause" : decision.allowed() ? "yes" : "no")
                + " (" + decision.reason() + ")");
        boolean capped = rules.frequencyCap().reached(outbox, definition.id(), now).test(profile.id());
        story.add("Frequency cap: " + (capped ? "reached, " + rules.frequencyCap().describe() : "not reached"));
        Instant notBefore = rules.quietHours().notBefore(profile, now);
        story.add("Quiet hours: " + (notBefore.isAfter(now) ? "now, a message would be held until " + notBefore : "not now"));
        boolean wouldSend = member && decision.allowed() && !capped && entry.isEmpty();
        story.add("Verdict: " + (entry.isPresent() ? "already handled by an earlier send"
                : wouldSend ? "a send now would write a message" : "a send now would skip this person"));
        return story;
    }
}
