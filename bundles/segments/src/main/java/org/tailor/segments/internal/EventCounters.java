package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-profile counts of the events each counting condition selects in its window, kept as events
 * arrive so that re-testing a profile reads one number instead of walking its events: what keeps
 * membership cheap for profiles with long histories. Conditions with the same type, filters and
 * window share one counter.
 *
 * <p>A count is right at the instant it was last brought up to date and stays right while no
 * counted event leaves its window; {@link WakeTimes} says per profile when that happens next, and
 * {@link Evaluation#countersCurrent} reads counts only before then. Written by one thread.
 */
final class EventCounters {

    /** What a counter counts: a condition without its bounds. */
    record Key(String event, List<Rule.PropertyFilter> where, Rule.Window window) {
    }

    /** The counts of one condition. */
    static final class Counter {
        private final EventMatcher matcher;
        private final Key key;
        /** The {@link WakeTimes#watchId} of its window, or -1 when time does not move it. */
        private int watchId = -1;
        private int[] counts = new int[0];

        Counter(EventMatcher matcher, Key key) {
            this.matcher = matcher;
            this.key = key;
        }

        int count(int row) {
            return row < counts.length ? counts[row] : 0;
        }

        private void ensure(int rows) {
            if (rows > counts.length) {
                counts = Arrays.copyOf(counts, Math.max(rows, counts.length + counts.length / 2));
            }
        }
    }

    private final EventTable events;
    private final Map<Key, Counter> counters = new HashMap<>();
    /** The counters asked for since the last {@link #settle}, and those of them that are new. */
    private final Set<Key> used = new HashSet<>();
    private final List<Counter> fresh = new ArrayList<>();

    EventCounters(EventTable events) {
        this.events = events;
    }

    /** The counter for the condition; a new one counts nothing until {@link #settle}. */
    Counter counter(Rule.EventCondition c, EventMatcher matcher) {
        Key key = new Key(c.event(), c.where(), c.window());
        used.add(key);
        return counters.computeIfAbsent(key, k -> {
            Counter counter = new Counter(matcher, k);
            fresh.add(counter);
            return counter;
        });
    }

    /**
     * After compiling every rule: drops the counters no rule asked for and counts the new ones'
     * events at {@code now}.
     */
    void settle(int rows, long now) {
        counters.keySet().retainAll(used);
        used.clear();
        count(fresh, rows, now);
        fresh.clear();
    }

    int size() {
        return counters.size();
    }

    /** Makes room for the rows, so that threads working on distinct rows never replace the arrays. */
    void ensureRows(int rows) {
        for (Counter counter : counters.values()) {
            counter.ensure(rows);
        }
    }

    private void count(List<Counter> which, int rows, long now) {
        for (Counter counter : which) {
            counter.ensure(rows);
            long start = counter.matcher.start(now);
            for (int row = 0; row < rows; row++) {
                counter.counts[row] = count(counter.matcher, row, start);
            }
        }
    }

    /** Counts the row's events again at {@code now}. */
    void recount(int row, long now) {
        for (Counter counter : counters.values()) {
            counter.ensure(row + 1);
            counter.counts[row] = count(counter.matcher, row, counter.matcher.start(now));
        }
    }

    /** Learns which watched (type, delay) pair moves each counter's window. */
    void watchedBy(WakeTimes wakes) {
        for (Counter counter : counters.values()) {
            counter.watchId = counter.key.window() instanceof Rule.LastDays last
                    ? wakes.watchId(counter.key.event(), RuleReads.delayOf(last)) : -1;
        }
    }

    /** Counts the row's events again at {@code now} for the counters whose windows moved ({@link WakeTimes#crossed}). */
    void recount(int row, long now, BitSet moved) {
        for (Counter counter : counters.values()) {
            if (counter.watchId >= 0 && moved.get(counter.watchId)) {
                counter.ensure(row + 1);
                counter.counts[row] = count(counter.matcher, row, counter.matcher.start(now));
            }
        }
    }

    /** Counts an event just added to the row, at {@code now}. */
    void added(int row, int slot, long now) {
        for (Counter counter : counters.values()) {
            if (counter.matcher.matches(slot, counter.matcher.start(now))) {
                counter.ensure(row + 1);
                counter.counts[row]++;
            }
        }
    }

    private int count(EventMatcher matcher, int row, long start) {
        int n = 0;
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            if (matcher.matches(slot, start)) {
                n++;
            }
        }
        return n;
    }
}
