package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.SendReport;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.OutboxStore;

/**
 * One run of one campaign: every audience member ends in exactly one of the report's buckets,
 * then the outbox is relayed. Not reusable; not thread safe (members are processed one at a time).
 */
final class CampaignSend {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSend.class);
    private static final int HANDOFF_CAPACITY = 256;

    private final CampaignDefinition definition;
    private final SegmentService segments;
    private final ConsentService consent;
    private final OutboxStore outbox;
    private final PersonalizedMessages messages;
    private final MimeMessageBuilder builder;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ProblemLines problems = new ProblemLines();

    private long audience;
    private long noConsent;
    private long noAddress;
    private long renderFailed;
    private long enqueued;
    private long alreadyQueued;
    private long notReached;
    /** Why the send stopped (consent unreadable, too many render failures): nothing more may be sent. Null while it runs. */
    private String pausedBecause;
    private final SendRules rules;
    private FrequencyCap.Reached capped;
    private long frequencyCapped;
    private long deferred;

    CampaignSend(CampaignDefinition definition, SegmentService segments, ConsentService consent, OutboxStore outbox,
                 PersonalizedMessages messages, MimeMessageBuilder builder, OutboxRelay relay, Clock clock,
                 SendRules rules) {
        this.rules = rules;
        this.definition = definition;
        this.segments = segments;
        this.consent = consent;
        this.outbox = outbox;
        this.messages = messages;
        this.builder = builder;
        this.relay = relay;
        this.clock = clock;
    }

    SendReport run() {
        long started = System.nanoTime();
        String segmentId = definition.campaign().segmentId();
        capped = rules.frequencyCap().reached(outbox, definition.id(), clock.instant());
        MemberHandoff.<Profile>run("tailor-send-" + definition.id(), HANDOFF_CAPACITY,
                visitor -> segments.forEachMember(segmentId, visitor), this::process);
        if (pausedBecause != null) {
            // Fail closed: with consent unreadable, not even the messages queued before it was noticed go out now.
            problems.add("campaign paused: " + pausedBecause + "; nothing was relayed; send again when the cause is "
                    + "fixed (what was queued is kept and goes out then, once)");
            LOG.warn("Campaign {} paused: {}", definition.id(), pausedBecause);
        }
        OutboxRelay.Result relayed = pausedBecause != null ? OutboxRelay.Result.NONE : relay.relay(definition.id(), problems);
        long possibleDuplicates = outbox.handedOutAgain(definition.id());
        if (possibleDuplicates > 0) {
            problems.add(possibleDuplicates + " messages were handed to the transport again after the node holding them "
                    + "stopped; their recipients may have them twice");
        }
        SendReport report = new SendReport(definition.id(), audience, noConsent, noAddress, renderFailed, enqueued,
                alreadyQueued, relayed.delivered(), relayed.failed(), Duration.ofNanos(System.nanoTime() - started),
                problems.toList(), notReached, pausedBecause == null ? "" : pausedBecause, frequencyCapped, deferred,
                possibleDuplicates);
        LOG.info("Campaign {} v{}: audience {}, no consent {}, no address {}, capped {}, render failed {}, enqueued {} "
                        + "(deferred {}), already queued {}, delivered {}, delivery failed {}{}",
                definition.id(), definition.version(), audience, noConsent, noAddress, frequencyCapped, renderFailed,
                enqueued, deferred, alreadyQueued, relayed.delivered(), relayed.failed(),
                relayed.interrupted() ? " (relay stopped early)" : "");
        return report;
    }

    private void process(Profile profile) {
        audience++;
        Optional<String> email = profile.email();
        if (email.isEmpty()) {
            noAddress++;
            skip(profile, "no email address");
            return;
        }
        if (pausedBecause != null) {
            notReached++;
            return;
        }
        ConsentDecision decision = check(profile);
        if (decision.unavailable()) {
            pausedBecause = "consent for " + definition.campaign().purpose() + " could not be read (" + decision.reason() + ")";
            notReached++;
            return;
        }
        if (!decision.allowed()) {
            noConsent++;
            skip(profile, "no consent for " + definition.campaign().purpose() + ": " + decision.reason());
            return;
        }
        if (capped.test(profile.id())) {
            frequencyCapped++;
            skip(profile, "at the frequency cap of " + rules.frequencyCap().describe());
            return;
        }
        String key = PersonalizedMessages.idempotencyKey(definition.id(), profile.id(), definition.version());
        OutboxEntry entry;
        try {
            UnsubscribeLinks links = messages.links(definition, profile);
            RenderedMessage message = messages.render(definition, profile, email.get(), links);
            Instant now = clock.instant();
            entry = messages.entry(builder, definition, message, key, links, now, rules.quietHours().notBefore(profile, now));
        } catch (AddressException e) {
            noAddress++;
            // The parser's message quotes the address, which must not reach logs or reports.
            skip(profile, "email address is not a valid RFC 5322 address");
            return;
        } catch (RenderException | MessagingException | RuntimeException e) {
            renderFailed++;
            skip(profile, "render failed: " + e.getMessage());
            if (rules.renderLimit().passed(renderFailed, renderFailed + enqueued + alreadyQueued)) {
                pausedBecause = rules.renderLimit().describe(renderFailed, renderFailed + enqueued + alreadyQueued);
            }
            return;
        }
        if (outbox.enqueue(entry)) {
            enqueued++;
            if (entry.notBefore().isAfter(entry.createdAt())) {
                deferred++;
            }
        } else {
            alreadyQueued++;
        }
    }

    /** Fails closed: a consent service that throws or answers nothing means no, and that consent is unavailable. */
    private ConsentDecision check(Profile profile) {
        try {
            ConsentDecision decision = consent.check(profile.id(), definition.campaign().purpose());
            return decision == null ? ConsentDecision.unavailable("the consent service gave no answer") : decision;
        } catch (RuntimeException e) {
            LOG.warn("Consent check for profile {} failed; treating as no consent: {}", profile.id(), e.toString());
            return ConsentDecision.unavailable("consent could not be confirmed: " + e);
        }
    }

    private void skip(Profile profile, String reason) {
        LOG.debug("Campaign {}: profile {} skipped: {}", definition.id(), profile.id(), reason);
        problems.add("profile " + profile.id() + ": " + reason);
    }
}
