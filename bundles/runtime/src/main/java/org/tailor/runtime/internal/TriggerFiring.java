package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.consent.UnsubscribeLinks;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.TimerStore;

/**
 * Fires one claimed timer: checks that it still applies (no cancelling event, still in the
 * segment, the date still falls then), that the person has an address and consent, renders the
 * message and writes ONE outbox entry whose idempotency key is the timer's key, then marks the
 * timer fired. A node that dies between the outbox write and the mark leaves the timer claimed
 * until its lease ends; whoever fires it again finds the entry already there and writes nothing.
 *
 * <p>Checks that cannot be answered now (consent unreadable, template or segment not loaded,
 * mail not available) give the timer back for a later attempt rather than skipping the person.
 *
 * <p>Thread safe; one call handles one timer.
 */
final class TriggerFiring {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerFiring.class);

    /** What became of a timer. */
    enum Outcome {
        /** Its message is in the outbox. */
        FIRED,
        /** Nothing was sent, for good: no consent, no address, render failed, too late. */
        SKIPPED,
        /** Called off: a cancelling event, the person left the segment, the date is gone. */
        CANCELLED,
        /** Given back to be tried again later. */
        WAITING,
        /** Another node holds it now, or it was cancelled while being fired: nothing more was done here. */
        LOST
    }

    record Result(Outcome outcome, String detail) {
    }

    /** What firing needs from the rest of Tailor. */
    record Services(ProfileStore profiles, EventStore events, SegmentService segments, ConsentService consent,
                    SubscriptionService subscriptions, ContentRenderer renderer, OutboxStore outbox, TimerStore timers) {
    }

    private final Function<String, Optional<TriggerDefinition>> triggers;
    private final Services services;
    private final Supplier<MimeMessageBuilder> mail;
    private final Clock clock;
    private final String node;
    private final Duration retry;
    private final Duration maxLate;

    /**
     * @param mail the message builder; throws IllegalStateException saying why when mail cannot be built
     * @param retry how long a timer that could not be decided waits before it is tried again
     * @param maxLate a timer due longer ago than this is skipped rather than sent late
     */
    TriggerFiring(Function<String, Optional<TriggerDefinition>> triggers, Services services,
                  Supplier<MimeMessageBuilder> mail, Clock clock, String node, Duration retry, Duration maxLate) {
        this.triggers = triggers;
        this.services = services;
        this.mail = mail;
        this.clock = clock;
        this.node = node;
        this.retry = retry;
        this.maxLate = maxLate;
    }

    /**
     * @param early true when an admin fires the timer ahead of time: lateness and a date that moved
     *              later are then not reasons to wait or skip
     */
    Result fire(TriggerTimer timer, boolean early) {
        Instant now = clock.instant();
        Optional<TriggerDefinition> found = triggers.apply(timer.triggerId());
        if (found.isEmpty()) {
            return waiting(timer, "trigger " + timer.triggerId() + " is not loaded; the timer waits for it");
        }
        TriggerDefinition trigger = found.get();
        if (!early && timer.dueAt().isBefore(now.minus(maxLate))) {
            return end(timer, TimerStatus.SKIPPED, "too late: due at " + timer.dueAt() + ", more than "
                    + Durations.describe(maxLate) + " ago");
        }
        Optional<Profile> person = services.profiles().find(timer.profileId());
        if (person.isEmpty()) {
            return end(timer, TimerStatus.SKIPPED, "the profile no longer exists");
        }
        Profile profile = person.get();
        Map<String, Object> variables = new LinkedHashMap<>();
        Optional<Result> stop;
        if (trigger.condition() instanceof TriggerCondition.AfterEvent after) {
            stop = checkEvents(timer, after, profile, now, variables);
        } else if (trigger.condition() instanceof TriggerCondition.Anniversary anniversary) {
            stop = checkDate(timer, anniversary, profile, now, early);
        } else {
            stop = checkSegment(timer, (TriggerCondition.SegmentEntry) trigger.condition(), profile);
        }
        if (stop.isPresent()) {
            return stop.get();
        }
        Optional<String> email = profile.email();
        if (email.isEmpty()) {
            return end(timer, TimerStatus.SKIPPED, "no email address");
        }
        if (!services.renderer().templates().contains(trigger.templateId())) {
            return waiting(timer, "template " + trigger.templateId() + " is not loaded (see the template problems)");
        }
        ConsentDecision decision = consent(profile, trigger.purpose());
        if (decision.unavailable()) {
            return waiting(timer, "consent for " + trigger.purpose() + " could not be read (" + decision.reason() + ")");
        }
        if (!decision.allowed()) {
            return end(timer, TimerStatus.SKIPPED, "no consent for " + trigger.purpose() + ": " + decision.reason());
        }
        MimeMessageBuilder builder;
        UnsubscribeLinks links;
        try {
            builder = mail.get();
            links = services.subscriptions().unsubscribeLinks(profile.id(), trigger.purpose(), trigger.outboxCampaign());
        } catch (RuntimeException e) {
            return waiting(timer, "cannot make the message now: " + e.getMessage());
        }
        variables.put("unsubscribe_url", links.oneClickUrl().toString());
        variables.put("preferences_url", links.preferencesUrl().toString());
        variables.put("campaign", Map.of("id", trigger.id(), "name", trigger.name()));
        variables.put("trigger", Map.of("id", trigger.id(), "name", trigger.name(), "started_at", timer.startedAt()));
        OutboxEntry entry;
        try {
            RenderedMessage message = services.renderer().render(trigger.templateId(), profile, email.get(), variables);
            byte[] mime = builder.build(message, new MimeMessageBuilder.Envelope(trigger.outboxCampaign(),
                    trigger.fromAddress(), timer.key(), Optional.of(links), now));
            entry = new OutboxEntry(timer.key(), trigger.outboxCampaign(), profile.id(), email.get(), mime,
                    OutboxStatus.PENDING, now, "");
        } catch (AddressException e) {
            // The parser's message quotes the address, which must not reach logs or the console.
            return end(timer, TimerStatus.SKIPPED, "email address is not a valid RFC 5322 address");
        } catch (RenderException | MessagingException | RuntimeException e) {
            return end(timer, TimerStatus.SKIPPED, "render failed: " + e.getMessage());
        }
        boolean added = services.outbox().enqueue(entry);
        return end(timer, TimerStatus.FIRED, added ? "queued" : "already in the outbox");
    }

    /** A cancelling event at or after the start calls it off; the starting event is handed to the template. */
    private Optional<Result> checkEvents(TriggerTimer timer, TriggerCondition.AfterEvent after, Profile profile,
                                         Instant now, Map<String, Object> variables) {
        List<Event> since = services.events().eventsOf(profile.id(), timer.startedAt());
        for (Event event : since) {
            if (after.unless().contains(event.type()) && !event.occurredAt().isAfter(now)) {
                return Optional.of(end(timer, TimerStatus.CANCELLED, event.type() + " at " + event.occurredAt()
                        + " (event " + event.id() + ")"));
            }
        }
        since.stream().filter(e -> e.id().equals(timer.cause())).findFirst().ifPresent(e -> variables.put("event",
                Map.of("id", e.id(), "type", e.type(), "occurred_at", e.occurredAt(), "properties", e.properties())));
        return Optional.empty();
    }

    /** The date is read again: gone means cancelled, moved later means wait for it. */
    private Optional<Result> checkDate(TriggerTimer timer, TriggerCondition.Anniversary anniversary, Profile profile,
                                       Instant now, boolean early) {
        int year;
        try {
            year = Integer.parseInt(timer.cause());
        } catch (NumberFormatException e) {
            return Optional.of(end(timer, TimerStatus.SKIPPED, "cause '" + timer.cause() + "' is not a year"));
        }
        Optional<ZonedDateTime> occurrence = Anniversaries.occurrence(profile, anniversary.attribute(),
                anniversary.atLocalTime(), year);
        if (occurrence.isEmpty()) {
            return Optional.of(end(timer, TimerStatus.CANCELLED, "no usable " + anniversary.attribute() + " for " + year));
        }
        Instant due = occurrence.get().toInstant();
        if (!early && due.isAfter(now)) {
            boolean moved = services.timers().release(timer.key(), node, due, anniversary.attribute()
                    + " changed; now due at " + due, now);
            return Optional.of(new Result(moved ? Outcome.WAITING : Outcome.LOST, "due at " + due));
        }
        return Optional.empty();
    }

    private Optional<Result> checkSegment(TriggerTimer timer, TriggerCondition.SegmentEntry entry, Profile profile) {
        try {
            if (services.segments().segment(entry.segmentId()).isEmpty()) {
                return Optional.of(waiting(timer, "segment " + entry.segmentId() + " is not loaded"));
            }
            if (!services.segments().isMember(entry.segmentId(), profile)) {
                return Optional.of(end(timer, TimerStatus.CANCELLED, "no longer in segment " + entry.segmentId()));
            }
        } catch (RuntimeException e) {
            return Optional.of(waiting(timer, "segment " + entry.segmentId() + " could not be evaluated: " + e.getMessage()));
        }
        return Optional.empty();
    }

    /** Fails closed: a consent service that throws or answers nothing means no, and that consent is unavailable. */
    private ConsentDecision consent(Profile profile, String purpose) {
        try {
            ConsentDecision decision = services.consent().check(profile.id(), purpose);
            return decision == null ? ConsentDecision.unavailable("the consent service gave no answer") : decision;
        } catch (RuntimeException e) {
            LOG.warn("Consent check for profile {} failed; the timer waits: {}", profile.id(), e.toString());
            return ConsentDecision.unavailable(e.toString());
        }
    }

    private Result end(TriggerTimer timer, TimerStatus status, String detail) {
        if (!services.timers().finish(timer.key(), node, status, detail, clock.instant())) {
            LOG.info("Trigger {}: timer of profile {} was taken over or cancelled while it fired ({} not recorded)",
                    timer.triggerId(), timer.profileId(), status);
            return new Result(Outcome.LOST, detail);
        }
        LOG.debug("Trigger {}: timer of profile {} {}: {}", timer.triggerId(), timer.profileId(), status, detail);
        return new Result(switch (status) {
            case FIRED -> Outcome.FIRED;
            case CANCELLED -> Outcome.CANCELLED;
            default -> Outcome.SKIPPED;
        }, detail);
    }

    private Result waiting(TriggerTimer timer, String reason) {
        Instant now = clock.instant();
        boolean released = services.timers().release(timer.key(), node, now.plus(retry), reason, now);
        return new Result(released ? Outcome.WAITING : Outcome.LOST, reason);
    }
}
