package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tailor.api.model.Event;

/**
 * Events as columns: a type code, a time ({@link EventTimes}) and a {@link CodeColumn} per
 * property, one slot per event. Each profile's events are one contiguous run, as loaded; events
 * that arrive later go to the end of the arrays, chained per profile, until {@link #compact}
 * folds them into the runs again (a load appends everything and compacts once). Loops walk a profile's events with {@link #first} and
 * {@link #next}. Event ids and sources are not kept (no condition reads them). Written by one thread.
 */
final class EventTable {

    /** The end of a profile's events. */
    static final int END = -1;

    private final Map<String, Integer> typeCodes = new HashMap<>();
    private final List<String> typeNames = new ArrayList<>();
    private final Map<String, CodeColumn> properties = new LinkedHashMap<>();
    short[] types;
    long[] times;
    /** Slots before this are in the runs; after it, chained. */
    private int runsEnd;
    private int size;
    private int[] runStart = new int[0];
    private int[] runEnd = new int[0];
    private int[] chainHead = new int[0];
    /** The next chained event of the same profile, by slot minus {@link #runsEnd}. */
    private int[] chainNext = new int[0];

    EventTable(int capacity) {
        types = new short[capacity];
        times = new long[capacity];
    }

    /** How many slots are taken, including events of removed profiles not yet compacted away. */
    int size() {
        return size;
    }

    /** Events added since the last compaction. */
    int chained() {
        return size - runsEnd;
    }

    /** The type's code, given to it now when no event has had it yet, so that compiled rules can hold it. */
    int typeCode(String type) {
        Integer code = typeCodes.get(type);
        if (code == null) {
            if (typeNames.size() > Short.MAX_VALUE) {
                throw new IllegalStateException("more than " + Short.MAX_VALUE + " event types");
            }
            code = typeNames.size();
            typeNames.add(type);
            typeCodes.put(type, code);
        }
        return code;
    }

    /** The property's column, created empty when no event has it yet so that compiled rules can hold it. */
    CodeColumn property(String name) {
        return properties.computeIfAbsent(name, n -> new CodeColumn(types.length));
    }

    /** The first slot of the profile's events, or {@link #END}. */
    int first(int row) {
        if (row >= runStart.length) {
            return END;
        }
        int start = runStart[row];
        return start < runEnd[row] ? start : chainHead[row];
    }

    /** The slot after {@code slot} among the profile's events, or {@link #END}. */
    int next(int row, int slot) {
        if (slot < runsEnd) {
            int n = slot + 1;
            return n < runEnd[row] ? n : chainHead[row];
        }
        return chainNext[slot - runsEnd];
    }

    /** Makes room for profile rows up to {@code rows}. */
    void ensureRows(int rows) {
        if (rows > chainHead.length) {
            int capacity = Math.max(rows, chainHead.length * 2);
            int old = chainHead.length;
            runStart = Arrays.copyOf(runStart, capacity);
            runEnd = Arrays.copyOf(runEnd, capacity);
            chainHead = Arrays.copyOf(chainHead, capacity);
            Arrays.fill(chainHead, old, capacity, END);
        }
    }

    /** Adds the event to the profile's events and returns its slot. */
    int append(int row, Event event) {
        ensureRows(row + 1);
        int slot = add(event);
        int link = slot - runsEnd;
        if (link >= chainNext.length) {
            chainNext = Arrays.copyOf(chainNext, Math.max(1024, chainNext.length + chainNext.length / 2));
        }
        chainNext[link] = chainHead[row];
        chainHead[row] = slot;
        return slot;
    }

    private int add(Event event) {
        if (size == types.length) {
            grow(Math.max(1024, size + size / 2));
        }
        int slot = size++;
        types[slot] = (short) typeCode(event.type());
        times[slot] = EventTimes.nanos(event.occurredAt());
        for (Map.Entry<String, Object> property : event.properties().entrySet()) {
            CodeColumn column = property(property.getKey());
            column.codes[slot] = column.values.codeOf(property.getValue());
        }
        return slot;
    }

    private void grow(int capacity) {
        types = Arrays.copyOf(types, capacity);
        times = Arrays.copyOf(times, capacity);
        for (CodeColumn column : properties.values()) {
            column.ensure(capacity);
        }
    }

    /** Forgets the profile's events. */
    void clear(int row) {
        if (row < chainHead.length) {
            runStart[row] = 0;
            runEnd[row] = 0;
            chainHead[row] = END;
        }
    }

    /** Gives {@code to} a copy of every event of {@code from}, and forgets them on {@code from}: a merge. */
    void move(int from, int to) {
        List<Event> moved = events(from, "");
        clear(from);
        for (Event event : moved) {
            append(to, event);
        }
    }

    /** The profile's events as they were read, with placeholder ids and sources. */
    List<Event> events(int row, String profileId) {
        List<Event> events = new ArrayList<>();
        for (int slot = first(row); slot != END; slot = next(row, slot)) {
            events.add(event(slot, profileId));
        }
        return events;
    }

    private Event event(int slot, String profileId) {
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((name, column) -> {
            Object value = column.value(slot);
            if (value != null) {
                values.put(name, value);
            }
        });
        return new Event("slot-" + slot, profileId, typeNames.get(types[slot]), EventTimes.instant(times[slot]), values, "memory");
    }

    /**
     * Rewrites the arrays so that every live profile's events are one run again, leaving out
     * events before {@code keepFrom} (in nanoseconds), which no window reaches any more.
     *
     * @param rows how many profile rows there are
     */
    void compact(int rows, long keepFrom) {
        ensureRows(rows);
        int[] order = new int[size];
        int n = 0;
        int[] start = new int[runStart.length];
        int[] end = new int[runEnd.length];
        for (int row = 0; row < rows; row++) {
            start[row] = n;
            for (int slot = first(row); slot != END; slot = next(row, slot)) {
                if (times[slot] >= keepFrom) {
                    order[n++] = slot;
                }
            }
            end[row] = n;
        }
        rearrange(order, n, n + Math.max(1024, n / 8));
        runStart = start;
        runEnd = end;
        Arrays.fill(chainHead, END);
        chainNext = new int[0];
        runsEnd = n;
        size = n;
    }

    /** Puts the events at the given slots first, in that order, one column at a time to bound the extra memory. */
    private void rearrange(int[] order, int n, int capacity) {
        short[] newTypes = new short[capacity];
        for (int i = 0; i < n; i++) {
            newTypes[i] = types[order[i]];
        }
        types = newTypes;
        long[] newTimes = new long[capacity];
        for (int i = 0; i < n; i++) {
            newTimes[i] = times[order[i]];
        }
        times = newTimes;
        for (CodeColumn column : properties.values()) {
            int[] codes = new int[capacity];
            for (int i = 0; i < n; i++) {
                codes[i] = column.codes[order[i]];
            }
            Arrays.fill(codes, n, capacity, ValueDictionary.MISSING);
            column.codes = codes;
        }
    }
}
