package org.tailor.segments.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * What compiled conditions read besides the row: the columns, the instant of evaluation, the
 * other segments (for conditions left to {@link RuleEvaluator}) and, when counters are current,
 * the per-profile instant until which they are. One per thread: it caches today per time zone
 * and the last profile rebuilt for the interpreter.
 */
final class Evaluation {

    private static final long UNKNOWN = Long.MIN_VALUE;

    final ProfileTable profiles;
    final EventTable events;
    final Instant now;
    final long nowNanos;
    final SegmentLookup segments;
    private final ProfileFacts facts;
    /** Per row, the instant (nanoseconds) from which its counters are stale; null when counters are not to be read. */
    private final long[] countersValidUntil;
    /** Today as an epoch day, by time_zone code + 1 (0 for profiles without one). */
    private long[] todays = new long[0];
    private int contextRow = -1;
    private EvaluationContext context;

    Evaluation(ProfileTable profiles, EventTable events, Instant now, SegmentLookup segments, long[] countersValidUntil) {
        this(profiles, events, now, segments, countersValidUntil, ProfileFacts.NONE);
    }

    /** @param facts the scores and consent of the profiles, for conditions left to the evaluator */
    Evaluation(ProfileTable profiles, EventTable events, Instant now, SegmentLookup segments, long[] countersValidUntil,
               ProfileFacts facts) {
        this.facts = facts;
        this.profiles = profiles;
        this.events = events;
        this.now = now;
        this.nowNanos = EventTimes.nanos(now);
        this.segments = segments;
        this.countersValidUntil = countersValidUntil;
    }

    /** Whether the row's counters count at this instant. */
    boolean countersCurrent(int row) {
        return countersValidUntil != null && row < countersValidUntil.length && countersValidUntil[row] > nowNanos;
    }

    /** Today in the profile's time zone, as an epoch day. */
    long today(int row) {
        int slot = profiles.zoneCode(row) + 1;
        if (slot >= todays.length) {
            int old = todays.length;
            todays = Arrays.copyOf(todays, slot + 16);
            Arrays.fill(todays, old, todays.length, UNKNOWN);
        }
        long today = todays[slot];
        if (today == UNKNOWN) {
            today = LocalDate.ofInstant(now, profiles.zone(row)).toEpochDay();
            todays[slot] = today;
        }
        return today;
    }

    /**
     * The epoch day of a date value (a LocalDate, or an Instant's day in the profile's zone), or
     * {@link Long#MIN_VALUE} when it is none, as {@link DateEvaluation#dayOf}.
     */
    long dayOf(Object date, int row) {
        if (date instanceof LocalDate day) {
            return day.toEpochDay();
        }
        if (date instanceof Instant instant) {
            try {
                return LocalDate.ofInstant(instant, profiles.zone(row)).toEpochDay();
            } catch (DateTimeException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    /** The profile and its events rebuilt, for a condition the compiler leaves to {@link RuleEvaluator}. */
    EvaluationContext context(int row) {
        if (row != contextRow) {
            String id = profiles.id(row);
            context = EvaluationContext.of(profiles.profile(row), events.events(row, id), now, segments,
                    facts.scores(id), facts.consents(id));
            contextRow = row;
        }
        return context;
    }
}
