package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far back a rule looks at events, so that membership checks load only the events they
 * need: a number of days before now, a fixed instant (a window between two dates), or both, of
 * which the earlier start applies. Immutable.
 */
final class EventWindow {

    /**
     * Where "all time" starts when asking the store. A fixed early instant rather than
     * {@link Instant#MIN}, which SQL timestamp types cannot hold.
     */
    static final Instant ALL_TIME_START = Instant.parse("0001-01-01T00:00:00Z");

    static final EventWindow NONE = new EventWindow(false, 0, null);
    static final EventWindow ALL_TIME = new EventWindow(true, Integer.MAX_VALUE, null);

    private final boolean needed;
    /** Days before now; 0 when only a fixed start applies. */
    private final int days;
    /** A start that does not move with now, or null. */
    private final Instant fixedStart;

    private EventWindow(boolean needed, int days, Instant fixedStart) {
        this.needed = needed;
        this.days = days;
        this.fixedStart = fixedStart;
    }

    static EventWindow ofDays(int days) {
        return new EventWindow(true, days, null);
    }

    static EventWindow from(Instant start) {
        return new EventWindow(true, 0, Objects.requireNonNull(start, "start"));
    }

    /** The window of a rule's {@link Rule.Window}. */
    static EventWindow of(Rule.Window window) {
        if (window instanceof Rule.LastDays last) {
            return ofDays(last.days());
        }
        if (window instanceof Rule.Between between) {
            return from(between.start());
        }
        if (window instanceof Rule.DaysAgo ago) {
            return ofDays(ago.to());
        }
        return ALL_TIME;
    }

    /** The window that covers both. */
    EventWindow widen(EventWindow other) {
        if (!needed) {
            return other;
        }
        if (!other.needed) {
            return this;
        }
        Instant fixed = fixedStart == null ? other.fixedStart
                : other.fixedStart == null ? fixedStart
                : fixedStart.isBefore(other.fixedStart) ? fixedStart : other.fixedStart;
        return new EventWindow(true, Math.max(days, other.days), fixed);
    }

    boolean needsEvents() {
        return needed;
    }

    boolean isAllTime() {
        return needed && days == Integer.MAX_VALUE;
    }

    /** The earliest instant whose events matter at {@code now}; empty when no events matter. */
    Optional<Instant> since(Instant now) {
        if (!needed) {
            return Optional.empty();
        }
        if (isAllTime()) {
            return Optional.of(ALL_TIME_START);
        }
        Instant relative = days > 0 ? now.minus(Duration.ofDays(days)) : null;
        if (relative == null) {
            return Optional.of(fixedStart);
        }
        return Optional.of(fixedStart != null && fixedStart.isBefore(relative) ? fixedStart : relative);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventWindow w && w.needed == needed && w.days == days && Objects.equals(w.fixedStart, fixedStart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(needed, days, fixedStart);
    }

    @Override
    public String toString() {
        if (!needed) {
            return "no events";
        }
        if (isAllTime()) {
            return "all time";
        }
        return (days > 0 ? days + " days" : "") + (days > 0 && fixedStart != null ? " or " : "")
                + (fixedStart != null ? "since " + fixedStart : "");
    }
}
