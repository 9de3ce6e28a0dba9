package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far back a rule looks at events, so that membership checks load only the events they
 * need. Immutable.
 */
final class EventWindow {

    /**
     * Where "all time" starts when asking the store. A fixed early instant rather than
     * {@link Instant#MIN}, which SQL timestamp types cannot hold.
     */
    static final Instant ALL_TIME_START = Instant.parse("0001-01-01T00:00:00Z");

    static final EventWindow NONE = new EventWindow(false, 0);
    static final EventWindow ALL_TIME = new EventWindow(true, Integer.MAX_VALUE);

    private final boolean needed;
    private final int days;

    private EventWindow(boolean needed, int days) {
        this.needed = needed;
        this.days = days;
    }

    static EventWindow ofDays(int days) {
        return new EventWindow(true, days);
    }

    /** The window that covers both. */
    EventWindow widen(EventWindow other) {
        if (!needed) {
            return other;
        }
        if (!other.needed) {
            return this;
        }
        return days >= other.days ? this : other;
    }

    boolean needsEvents() {
        return needed;
    }

    boolean isAllTime() {
        return this == ALL_TIME || (needed && days == Integer.MAX_VALUE);
    }

    /** The earliest instant whose events matter at {@code now}; empty when no events matter. */
    Optional<Instant> since(Instant now) {
        if (!needed) {
            return Optional.empty();
        }
        return Optional.of(isAllTime() ? ALL_TIME_START : now.minus(Duration.ofDays(days)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventWindow w && w.needed == needed && w.days == days;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(needed) * 31 + days;
    }

    @Override
    public String toString() {
        return !needed ? "no events" : isAllTime() ? "all time" : days + " days";
    }
}
