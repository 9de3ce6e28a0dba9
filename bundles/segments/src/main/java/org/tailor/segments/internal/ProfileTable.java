package org.tailor.segments.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;

/**
 * Profiles as rows: a stable row number per profile id, and a {@link CodeColumn} per attribute
 * and per identity namespace (the first identity there, which conditions read). Rows are never
 * reused: a removed profile's row stays empty. {@link #profile} rebuilds the profile as it was
 * read. Written by one thread; see {@link LiveMembership} for who reads.
 */
final class ProfileTable {

    private final Map<String, Integer> rows = new HashMap<>();
    private final Map<String, CodeColumn> attributes = new HashMap<>();
    private final Map<String, CodeColumn> identities = new HashMap<>();
    /** Identities after the first of their namespace, by row; few profiles have any. */
    private final Map<Integer, List<Identity>> moreIdentities = new HashMap<>();
    private final BitSet live = new BitSet();
    private String[] ids = new String[1024];
    private long[] created = new long[1024];
    private long[] updated = new long[1024];
    /** The zone of each code of the time_zone column; null until first asked. */
    private ZoneId[] zones = new ZoneId[0];
    private int size;

    /** How many rows there are, removed ones included. */
    int size() {
        return size;
    }

    boolean isLive(int row) {
        return live.get(row);
    }

    BitSet liveRows() {
        return live;
    }

    /** The row of the profile, or -1. */
    int rowOf(String profileId) {
        Integer row = rows.get(profileId);
        return row == null ? -1 : row;
    }

    String id(int row) {
        return ids[row];
    }

    /**
     * Stores the profile in its row, adding one for a new id, and collects the names of the
     * attributes and identity namespaces whose value changed (every one it has, for a new row).
     */
    int put(Profile profile, Set<String> changed) {
        int row = rowOf(profile.id());
        if (row < 0) {
            row = size++;
            if (row == ids.length) {
                int capacity = row * 2;
                ids = Arrays.copyOf(ids, capacity);
                created = Arrays.copyOf(created, capacity);
                updated = Arrays.copyOf(updated, capacity);
            }
            ids[row] = profile.id();
            rows.put(profile.id(), row);
        }
        live.set(row);
        created[row] = EventTimes.nanos(profile.createdAt());
        updated[row] = EventTimes.nanos(profile.updatedAt());
        store(attributes, row, profile.attributes(), changed);
        Map<String, Object> firstIdentities = new LinkedHashMap<>();
        List<Identity> more = new ArrayList<>();
        for (Identity identity : profile.identities()) {
            if (firstIdentities.putIfAbsent(identity.namespace(), identity.value()) != null) {
                more.add(identity);
            }
        }
        store(identities, row, firstIdentities, changed);
        if (more.isEmpty()) {
            moreIdentities.remove(row);
        } else {
            moreIdentities.put(row, List.copyOf(more));
        }
        return row;
    }

    private void store(Map<String, CodeColumn> columns, int row, Map<String, Object> values, Set<String> changed) {
        for (Map.Entry<String, CodeColumn> column : columns.entrySet()) {
            column.getValue().ensure(ids.length);
            if (column.getValue().set(row, values.get(column.getKey()))) {
                changed.add(column.getKey());
            }
        }
        for (Map.Entry<String, Object> value : values.entrySet()) {
            if (!columns.containsKey(value.getKey())) {
                CodeColumn column = new CodeColumn(ids.length);
                column.set(row, value.getValue());
                columns.put(value.getKey(), column);
                changed.add(value.getKey());
            }
        }
    }

    /** Empties the row; its id no longer finds it. */
    void remove(int row) {
        live.clear(row);
        rows.remove(ids[row]);
        for (CodeColumn column : attributes.values()) {
            column.codes[row] = ValueDictionary.MISSING;
        }
        for (CodeColumn column : identities.values()) {
            column.codes[row] = ValueDictionary.MISSING;
        }
        moreIdentities.remove(row);
    }

    /** The attribute's column, created empty when no profile has it yet so that compiled rules can hold it. */
    CodeColumn attribute(String name) {
        return attributes.computeIfAbsent(name, n -> new CodeColumn(ids.length));
    }

    /** The column of the first identities in the namespace, created empty when none has one. */
    CodeColumn identity(String namespace) {
        return identities.computeIfAbsent(namespace, n -> new CodeColumn(ids.length));
    }

    /** The profile's time zone as {@link EvaluationContext} decides it: its time_zone, else UTC. */
    ZoneId zone(int row) {
        CodeColumn column = attributes.get(EvaluationContext.TIME_ZONE);
        int code = column == null ? ValueDictionary.MISSING : column.codes[row];
        if (code == ValueDictionary.MISSING) {
            return ZoneOffset.UTC;
        }
        if (code >= zones.length) {
            zones = Arrays.copyOf(zones, column.values.size());
        }
        ZoneId zone = zones[code];
        if (zone == null) {
            zone = parseZone(column.values.value(code));
            zones[code] = zone;
        }
        return zone;
    }

    /** The code of the profile's time_zone value, or {@link ValueDictionary#MISSING}: profiles with one code share a zone. */
    int zoneCode(int row) {
        CodeColumn column = attributes.get(EvaluationContext.TIME_ZONE);
        return column == null ? ValueDictionary.MISSING : column.codes[row];
    }

    private static ZoneId parseZone(Object name) {
        try {
            return ZoneId.of(name.toString().strip());
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The profile as it was stored. */
    Profile profile(int row) {
        Map<String, Object> values = new LinkedHashMap<>();
        attributes.forEach((name, column) -> {
            Object value = column.value(row);
            if (value != null) {
                values.put(name, value);
            }
        });
        Set<Identity> all = new LinkedHashSet<>();
        identities.forEach((namespace, column) -> {
            Object value = column.value(row);
            if (value != null) {
                all.add(new Identity(namespace, (String) value));
            }
        });
        all.addAll(moreIdentities.getOrDefault(row, List.of()));
        return new Profile(ids[row], all, values, EventTimes.instant(created[row]), EventTimes.instant(updated[row]));
    }
}
