package org.tailor.segments.internal;

/**
 * A sequence condition compiled: some first event in the window followed (or, for "then no",
 * not followed, with its hours passed) by another event within the hours, as
 * {@link SequenceEvaluation}. Events need not be in time order.
 */
final class SequenceCheck implements CompiledCondition {

    private final EventMatcher first;
    private final EventMatcher then;
    private final boolean absent;
    private final long within;

    SequenceCheck(Rule.SequenceCondition c, EventTable events) {
        first = new EventMatcher(events, c.first().event(), c.first().where(), c.window());
        then = new EventMatcher(events, c.then().event(), c.then().where(), new Rule.AllTime());
        absent = c.absent();
        within = c.withinHours() * EventTimes.NANOS_PER_HOUR;
    }

    @Override
    public boolean test(int row, Evaluation evaluation) {
        EventTable events = evaluation.events;
        long start = first.start(evaluation.nowNanos);
        for (int a = events.first(row); a != EventTable.END; a = events.next(row, a)) {
            if (!first.matches(a, start)) {
                continue;
            }
            long at = events.times[a];
            long deadline = EventTimes.plus(at, within);
            boolean followed = false;
            for (int b = events.first(row); b != EventTable.END && !followed; b = events.next(row, b)) {
                followed = b != a && events.times[b] >= at && events.times[b] <= deadline && then.selects(b);
            }
            if (absent ? !followed && deadline <= evaluation.nowNanos : followed) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int cost() {
        return 30;
    }
}
