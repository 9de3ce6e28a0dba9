package org.tailor.segments.internal;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Per profile, the next instant at which time passing alone can change a segment's answer for it:
 * the earliest {@code event time + delay} still ahead, over its events and the delays
 * {@link RuleReads#moving} gives for their types. A sweep re-tests only the profiles whose instant
 * has come, and counters are current for a profile until its instant. Written by one thread.
 */
final class WakeTimes {

    private final EventTable events;
    /** Delays in nanoseconds by type code, ascending; null for types no window watches. */
    private long[][] delays = new long[0][];
    /** The number of each (type, delay) watched, in the shape of {@link #delays}. */
    private int[][] watchIds = new int[0][];
    private final Map<String, Map<Long, Integer>> watchIdsByName = new HashMap<>();
    private long[] next = new long[0];
    /** When each row's instant was computed. */
    private long[] computedAt = new long[0];

    WakeTimes(EventTable events) {
        this.events = events;
    }

    /**
     * Sets the delays per event type and numbers each (type, delay) pair for {@link #crossed};
     * {@link #refreshAll} must follow.
     */
    void watch(Map<String, Set<Long>> byType) {
        long[][] table = new long[0][];
        int[][] ids = new int[0][];
        watchIdsByName.clear();
        int next = 0;
        for (Map.Entry<String, Set<Long>> entry : byType.entrySet()) {
            int code = events.typeCode(entry.getKey());
            if (code >= table.length) {
                table = Arrays.copyOf(table, code + 1);
                ids = Arrays.copyOf(ids, code + 1);
            }
            table[code] = entry.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            ids[code] = new int[table[code].length];
            for (int i = 0; i < table[code].length; i++) {
                ids[code][i] = next;
                watchIdsByName.computeIfAbsent(entry.getKey(), t -> new HashMap<>()).put(table[code][i], next++);
            }
        }
        delays = table;
        watchIds = ids;
    }

    /** The number {@link #crossed} gives the pair, or -1 when it is not watched. */
    int watchId(String type, long delay) {
        return watchIdsByName.getOrDefault(type, Map.of()).getOrDefault(delay, -1);
    }

    /** The instants by row, for {@link Evaluation}; the array is replaced when rows are added. */
    long[] instants() {
        return next;
    }

    void refreshAll(int rows, long now) {
        ensure(rows);
        for (int row = 0; row < rows; row++) {
            next[row] = compute(row, now);
            computedAt[row] = now;
        }
    }

    void refresh(int row, long now) {
        ensure(row + 1);
        next[row] = compute(row, now);
        computedAt[row] = now;
    }

    /**
     * The (type, delay) pairs, by {@link #watchId}, for which one of the row's events left a window
     * (or ran out its hours) after the row's instant was last computed and at or before {@code now}.
     */
    BitSet crossed(int row, long now) {
        BitSet crossed = new BitSet();
        if (row >= next.length) {
            return crossed;
        }
        long since = computedAt[row];
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            int type = events.types[slot];
            if (type < delays.length && delays[type] != null) {
                long time = events.times[slot];
                for (int i = 0; i < delays[type].length; i++) {
                    long at = EventTimes.plus(time, delays[type][i]);
                    if (at > now) {
                        // Delays ascend: the others are ahead too.
                        break;
                    }
                    if (at > since) {
                        crossed.set(watchIds[type][i]);
                    }
                }
            }
        }
        return crossed;
    }

    /** Takes an event just added to the row into account, at {@code now}. */
    void added(int row, int slot, long now) {
        ensure(row + 1);
        next[row] = Math.min(next[row], wakeOf(slot, now));
    }

    /** The rows whose instant is at or before {@code now}. */
    BitSet due(int rows, long now) {
        BitSet due = new BitSet(rows);
        int n = Math.min(rows, next.length);
        for (int row = 0; row < n; row++) {
            if (next[row] <= now) {
                due.set(row);
            }
        }
        return due;
    }

    boolean isDue(int row, long now) {
        return row < next.length && next[row] <= now;
    }

    private long compute(int row, long now) {
        long earliest = Long.MAX_VALUE;
        for (int slot = events.first(row); slot != EventTable.END; slot = events.next(row, slot)) {
            earliest = Math.min(earliest, wakeOf(slot, now));
        }
        return earliest;
    }

    private long wakeOf(int slot, long now) {
        int type = events.types[slot];
        if (type >= delays.length || delays[type] == null) {
            return Long.MAX_VALUE;
        }
        long time = events.times[slot];
        for (long delay : delays[type]) {
            long at = EventTimes.plus(time, delay);
            if (at > now) {
                return at;
            }
        }
        return Long.MAX_VALUE;
    }

    /** Makes room for the rows, so that threads working on distinct rows never replace the arrays. */
    void ensureRows(int rows) {
        ensure(rows);
    }

    private void ensure(int rows) {
        if (rows > next.length) {
            int old = next.length;
            next = Arrays.copyOf(next, Math.max(rows, old + old / 2));
            Arrays.fill(next, old, next.length, Long.MAX_VALUE);
            computedAt = Arrays.copyOf(computedAt, next.length);
            Arrays.fill(computedAt, old, next.length, Long.MIN_VALUE);
        }
    }
}
