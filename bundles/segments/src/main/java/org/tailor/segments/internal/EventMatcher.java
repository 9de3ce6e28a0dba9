package org.tailor.segments.internal;

import java.util.List;
import java.util.Objects;

/**
 * Which events a condition selects, compiled: the type's code, each filter tested once per
 * distinct property value, and the window as nanoseconds, exactly as {@link EventEvaluation#matches}
 * and {@link EventEvaluation#inWindow}.
 */
final class EventMatcher {

    private final EventTable events;
    private final int type;
    private final CodeColumn[] properties;
    private final ValueCheck[] filters;
    private final Rule.Window window;
    /** For the last N days, N days in nanoseconds; else unused. */
    private final long days;
    private final long from;
    private final long to;

    EventMatcher(EventTable events, String type, List<Rule.PropertyFilter> where, Rule.Window window) {
        this.events = events;
        this.type = events.typeCode(type);
        this.window = Objects.requireNonNull(window, "window");
        properties = new CodeColumn[where.size()];
        filters = new ValueCheck[where.size()];
        for (int i = 0; i < where.size(); i++) {
            Rule.PropertyFilter f = where.get(i);
            properties[i] = events.property(f.property());
            filters[i] = new ValueCheck(f.op(), f.value(), properties[i].values);
        }
        days = window instanceof Rule.LastDays last ? last.days() * EventTimes.NANOS_PER_DAY : 0;
        from = window instanceof Rule.Between between ? EventTimes.nanos(between.start()) : Long.MIN_VALUE;
        to = window instanceof Rule.Between between ? EventTimes.nanos(between.end()) : Long.MAX_VALUE;
    }

    /** The start of the window at {@code now} (nanoseconds). */
    long start(long now) {
        return window instanceof Rule.LastDays ? EventTimes.plus(now, -days) : from;
    }

    /** Whether the event in the slot has the type and passes the filters, whatever its time. */
    boolean selects(int slot) {
        if (events.types[slot] != type) {
            return false;
        }
        for (int i = 0; i < filters.length; i++) {
            if (!filters[i].test(properties[i].codes[slot])) {
                return false;
            }
        }
        return true;
    }

    /** Whether the event is selected and in the window that starts at {@code start}. */
    boolean matches(int slot, long start) {
        long time = events.times[slot];
        return time >= start && time <= to && selects(slot);
    }
}
