package org.tailor.segments.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Profile ids sorted (by {@link String#compareTo}), each with the row its features were collected
 * in: finds the row of an event's profile by binary search, and lists profiles in a fixed order
 * whatever order the store streamed them in. Two arrays, no object per profile beyond its id.
 */
final class ProfileIndex {

    private final String[] ids;
    private final int[] rows;

    private ProfileIndex(String[] ids, int[] rows) {
        this.ids = ids;
        this.rows = rows;
    }

    /** The index of the first {@code count} ids, which are unique; row {@code i} holds {@code idsByRow[i]}. */
    static ProfileIndex of(String[] idsByRow, int count) {
        String[] ids = Arrays.copyOf(idsByRow, count);
        if (isSorted(ids)) {
            return new ProfileIndex(ids, IntStream.range(0, count).toArray());
        }
        // Databases sort ids by their collation, which need not be Java's order.
        int[] rows = IntStream.range(0, count).boxed()
                .sorted(Comparator.comparing(row -> idsByRow[row]))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < count; k++) {
            ids[k] = idsByRow[rows[k]];
        }
        return new ProfileIndex(ids, rows);
    }

    private static boolean isSorted(String[] ids) {
        for (int k = 1; k < ids.length; k++) {
            if (ids[k - 1].compareTo(ids[k]) >= 0) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return ids.length;
    }

    /** The id at position {@code k} of the sorted order. */
    String id(int k) {
        return ids[k];
    }

    /** The row of the profile at position {@code k} of the sorted order. */
    int row(int k) {
        return rows[k];
    }

    /** The row of the profile, or -1 if it was not seen. */
    int rowOf(String id) {
        int k = Arrays.binarySearch(ids, id);
        return k < 0 ? -1 : rows[k];
    }
}
