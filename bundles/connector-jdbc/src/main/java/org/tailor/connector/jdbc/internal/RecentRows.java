package org.tailor.connector.jdbc.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows handed to ingest in this run whose timestamp is inside the overlap window, so that reading the
 * window again hands over only rows that are new there (committed late) or changed. A row counts as
 * changed when its timestamp or its content differs: a column with whole-second precision can give an
 * update the same timestamp as the version already handed over.
 *
 * <p>Content is kept as a 64-bit fingerprint, not the values, so that a busy window stays small. Only
 * the polling thread touches it. It is not stored: after a restart the window is handed over once
 * more, which ingest absorbs because it is idempotent.
 */
final class RecentRows {

    private record Seen(TimeKey time, long fingerprint) {
    }

    private final Map<String, Seen> byId = new HashMap<>();
    private int sizeAfterLastTrim;

    boolean contains(Row row) {
        return new Seen(row.time(), fingerprint(row)).equals(byId.get(row.id().toString()));
    }

    void add(Row row) {
        byId.put(row.id().toString(), new Seen(row.time(), fingerprint(row)));
    }

    /** Forgets the rows older than the window that ends at {@code newest}. */
    void retainWindow(TimeKey newest, Duration overlap) {
        TimeKey start = newest.minus(overlap);
        byId.values().removeIf(seen -> seen.time().isBefore(start));
        sizeAfterLastTrim = byId.size();
    }

    /**
     * Like {@link #retainWindow} once the set has doubled since the last trim, so that a long first
     * import keeps only its last window in memory at a cost that stays linear in the rows read.
     */
    void trimWhenGrown(TimeKey newest, Duration overlap) {
        if (byId.size() > 2 * sizeAfterLastTrim + 1000) {
            retainWindow(newest, overlap);
        }
    }

    int size() {
        return byId.size();
    }

    /** FNV-1a over the fields' text; the values' own hash codes are 32-bit and collide too easily. */
    private static long fingerprint(Row row) {
        long hash = 0xcbf29ce484222325L;
        for (Map.Entry<String, Object> field : row.fields().entrySet()) {
            if (field.getKey().equals(LineItems.FIELD)) {
                continue;
            }
            String text = field.getKey() + '=' + field.getValue() + '\u0000';
            for (int i = 0; i < text.length(); i++) {
                hash ^= text.charAt(i);
                hash *= 0x100000001b3L;
            }
        }
        return hash;
    }
}
