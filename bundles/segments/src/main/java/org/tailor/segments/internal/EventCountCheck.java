package org.tailor.segments.internal;

import java.util.OptionalInt;

/**
 * A counting event condition compiled: a walk over the profile's events that stops as soon as the
 * answer is known, or, when the profile's counters are current, one read of the counter that
 * {@link EventCounters} keeps for the same events.
 */
final class EventCountCheck implements CompiledCondition {

    private final EventMatcher matcher;
    private final int atLeast;
    private final int atMost;
    /** Null when no counter is kept. */
    private final EventCounters.Counter counter;

    EventCountCheck(Rule.EventCondition c, EventTable events, EventCounters counters) {
        Rule.Count count = (Rule.Count) c.measure();
        matcher = new EventMatcher(events, c.event(), c.where(), c.window());
        atLeast = count.atLeast();
        OptionalInt most = count.atMost();
        atMost = most.isPresent() ? most.getAsInt() : Integer.MAX_VALUE;
        counter = counters == null ? null : counters.counter(c, matcher);
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        if (counter != null && evaluation.countersCurrent(row)) {
            int n = counter.count(row);
            return n >= atLeast && n <= atMost;
        }
        EventTable events = evaluation.events;
        long start = matcher.start(evaluation.nowNanos);
        int n = 0;
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            if (matcher.matches(slot, start)) {
                n++;
                if (n > atMost) {
                    return false;
                }
                if (n >= atLeast && atMost == Integer.MAX_VALUE) {
                    return true;
                }
            }
        }
        return n >= atLeast && n <= atMost;
    }

    @Override
    public int cost() {
        return counter != null ? 2 : 10;
    }
}
