package org.tailor.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.TimerStore;

/**
 * Turns what happened (events, changed profiles, segment entries, the passing of days) into
 * durable timers, and cancels the timers that an event or a segment exit calls off. Everything it
 * writes is idempotent: timers are keyed by (trigger, person, cause), so telling it the same thing
 * twice, as the catch-up after a restart does, changes nothing.
 *
 * <p>Thread safe as far as the store is; it keeps no state of its own.
 */
final class TriggerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerScheduler.class);
    /** Segment changes read per page while catching up. */
    private static final int CHANGES_PAGE = 5_000;

    private final Supplier<Collection<TriggerDefinition>> triggers;
    private final TimerStore timers;
    private final ProfileStore profiles;
    private final Clock clock;
    private final Duration maxLate;
    private final Duration dateHorizon;

    /**
     * @param maxLate a timer that would be due longer ago than this is not scheduled (an old event
     *                imported today starts nothing)
     * @param dateHorizon how far ahead anniversaries are scheduled; longer than the sweep interval
     */
    TriggerScheduler(Supplier<Collection<TriggerDefinition>> triggers, TimerStore timers, ProfileStore profiles,
                     Clock clock, Duration maxLate, Duration dateHorizon) {
        this.triggers = triggers;
        this.timers = timers;
        this.profiles = profiles;
        this.clock = clock;
        this.maxLate = maxLate;
        this.dateHorizon = dateHorizon;
    }

    /** The key of a timer, also the idempotency key of the outbox entry it produces. */
    static String key(String triggerId, String profileId, String cause) {
        return IdempotencyKeys.of("trigger", triggerId, profileId, cause);
    }

    /** The event types any behaviour trigger starts on or is cancelled by. */
    Set<String> eventTypes() {
        Set<String> types = new java.util.HashSet<>();
        for (TriggerDefinition t : triggers.get()) {
            if (t.condition() instanceof TriggerCondition.AfterEvent after) {
                types.add(after.after());
                types.addAll(after.unless());
            }
        }
        return types;
    }

    boolean hasDateTriggers() {
        return triggers.get().stream().anyMatch(t -> t.condition() instanceof TriggerCondition.Anniversary);
    }

    /** New events, in the order they happened or were ingested: each cancels, then starts. */
    void eventsIngested(List<Event> events) {
        Collection<TriggerDefinition> all = triggers.get();
        for (Event event : events) {
            for (TriggerDefinition trigger : all) {
                if (trigger.condition() instanceof TriggerCondition.AfterEvent after) {
                    if (after.unless().contains(event.type())) {
                        cancelBy(trigger, event);
                    } else if (after.after().equals(event.type())) {
                        start(trigger, after, event);
                    }
                }
            }
        }
    }

    private void cancelBy(TriggerDefinition trigger, Event event) {
        int cancelled = timers.cancelStartedUpTo(trigger.id(), event.profileId(), event.occurredAt(),
                event.type() + " at " + event.occurredAt() + " (event " + event.id() + ")", clock.instant());
        if (cancelled > 0) {
            LOG.debug("Trigger {}: {} timer(s) of profile {} cancelled by {} {}", trigger.id(), cancelled,
                    event.profileId(), event.type(), event.id());
        }
    }

    /** A later start replaces a pending timer; an earlier one, or one seen before, changes nothing. */
    private void start(TriggerDefinition trigger, TriggerCondition.AfterEvent after, Event event) {
        Instant now = clock.instant();
        Instant due = event.occurredAt().plus(after.delay());
        if (due.isBefore(now.minus(maxLate))) {
            return;
        }
        List<TriggerTimer> existing = timers.timersOf(trigger.id(), event.profileId());
        if (existing.stream().anyMatch(t -> t.cause().equals(event.id()))) {
            return;
        }
        List<TriggerTimer> pending = existing.stream().filter(t -> t.status() == TimerStatus.PENDING).toList();
        if (pending.stream().anyMatch(t -> t.startedAt().isAfter(event.occurredAt()))) {
            return;
        }
        for (TriggerTimer older : pending) {
            timers.cancel(trigger.id(), older.profileId(), older.cause(), "replaced by a later " + event.type() + " at "
                    + event.occurredAt() + " (event " + event.id() + ")", now);
        }
        timers.schedule(TriggerTimer.pending(key(trigger.id(), event.profileId(), event.id()), trigger.id(),
                event.profileId(), event.id(), event.occurredAt(), due, trigger.version()));
    }

    /** Profiles whose attributes changed: their next anniversaries, moved if the date or the time zone changed. */
    void profilesChanged(Collection<String> profileIds) {
        List<TriggerDefinition> dated = dateTriggers();
        if (dated.isEmpty()) {
            return;
        }
        for (String profileId : profileIds) {
            profiles.find(profileId).ifPresent(profile -> dated.forEach(t -> nextAnniversary(t, profile)
                    .ifPresent(timer -> {
                        if (!timers.schedule(timer)) {
                            timers.reschedule(timer.key(), timer.dueAt());
                        }
                    })));
        }
    }

    /**
     * Schedules every profile's anniversaries within the horizon. Profiles are read first and
     * timers written afterwards: a store that streams must not be written to from its visitor.
     *
     * @return how many timers were new
     */
    int sweepDates() {
        List<TriggerDefinition> dated = dateTriggers();
        if (dated.isEmpty()) {
            return 0;
        }
        List<TriggerTimer> due = new ArrayList<>();
        profiles.forEach(profile -> dated.forEach(t -> nextAnniversary(t, profile).ifPresent(due::add)));
        int added = 0;
        for (TriggerTimer timer : due) {
            if (timers.schedule(timer)) {
                added++;
            }
        }
        return added;
    }

    /** The profile's next anniversary timer for the trigger, if it falls within the horizon. */
    Optional<TriggerTimer> nextAnniversary(TriggerDefinition trigger, Profile profile) {
        TriggerCondition.Anniversary anniversary = (TriggerCondition.Anniversary) trigger.condition();
        Instant now = clock.instant();
        Optional<ZonedDateTime> next = Anniversaries.next(profile, anniversary.attribute(), anniversary.atLocalTime(),
                now.minus(maxLate));
        if (next.isEmpty() || next.get().toInstant().isAfter(now.plus(dateHorizon))) {
            return Optional.empty();
        }
        String cause = Integer.toString(next.get().getYear());
        Instant at = next.get().toInstant();
        return Optional.of(TriggerTimer.pending(key(trigger.id(), profile.id(), cause), trigger.id(), profile.id(), cause,
                at, at, trigger.version()));
    }

    /** Entries start timers; exits cancel the timers their entries started. */
    void membershipChanged(List<MembershipChange> changes) {
        Collection<TriggerDefinition> all = triggers.get();
        Instant now = clock.instant();
        for (MembershipChange change : changes) {
            for (TriggerDefinition trigger : all) {
                if (trigger.condition() instanceof TriggerCondition.SegmentEntry entry
                        && entry.segmentId().equals(change.segmentId())) {
                    if (change.entered()) {
                        Instant due = change.at().plus(entry.delay());
                        if (!due.isBefore(now.minus(maxLate))) {
                            String cause = "entered " + change.at();
                            timers.schedule(TriggerTimer.pending(key(trigger.id(), change.profileId(), cause), trigger.id(),
                                    change.profileId(), cause, change.at(), due, trigger.version()));
                        }
                    } else {
                        timers.cancelStartedUpTo(trigger.id(), change.profileId(), change.at(),
                                "left segment " + change.segmentId() + " at " + change.at(), now);
                    }
                }
            }
        }
    }

    /**
     * Schedules what the listeners may have missed (the runtime was stopped, or a listener call
     * failed): the latest starting event per person and trigger within reach, and the segment
     * changes within reach. Events that cancel are not replayed: a timer checks for them when it fires.
     *
     * @return how many events and segment changes were looked at
     */
    long catchUp(EventStore events, SegmentService segments) {
        Instant now = clock.instant();
        long seen = 0;
        Set<String> starts = new java.util.HashSet<>();
        Duration longestEventDelay = Duration.ZERO;
        for (TriggerDefinition t : triggers.get()) {
            if (t.condition() instanceof TriggerCondition.AfterEvent after) {
                starts.add(after.after());
                longestEventDelay = max(longestEventDelay, after.delay());
            }
        }
        if (!starts.isEmpty()) {
            Map<String, Event> latest = new HashMap<>();
            seen += events.forEachSince(now.minus(longestEventDelay).minus(maxLate), event -> {
                if (starts.contains(event.type())) {
                    latest.merge(event.type() + "\0" + event.profileId(), event,
                            (a, b) -> b.occurredAt().isAfter(a.occurredAt()) ? b : a);
                }
            });
            List<Event> replay = new ArrayList<>(latest.values());
            replay.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::id));
            eventsIngested(replay);
        }
        for (TriggerDefinition t : triggers.get()) {
            if (t.condition() instanceof TriggerCondition.SegmentEntry entry) {
                seen += catchUpEntries(segments, entry, now.minus(entry.delay()).minus(maxLate));
            }
        }
        return seen;
    }

    private long catchUpEntries(SegmentService segments, TriggerCondition.SegmentEntry entry, Instant since) {
        if (segments.segment(entry.segmentId()).isEmpty()) {
            return 0;
        }
        long seen = 0;
        Instant from = since;
        // Bounded: every full page moves 'from' forward, or the loop ends.
        while (true) {
            List<MembershipChange> page = segments.changes(entry.segmentId(), from, CHANGES_PAGE);
            membershipChanged(page);
            seen += page.size();
            if (page.size() < CHANGES_PAGE) {
                return seen;
            }
            Instant last = page.get(page.size() - 1).at();
            if (!last.isAfter(from)) {
                LOG.warn("More than {} changes of segment {} at {}; catch-up of later changes skipped",
                        CHANGES_PAGE, entry.segmentId(), from);
                return seen;
            }
            from = last;
        }
    }

    private List<TriggerDefinition> dateTriggers() {
        return triggers.get().stream().filter(t -> t.condition() instanceof TriggerCondition.Anniversary).toList();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
