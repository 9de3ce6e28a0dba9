package org.tailor.segments.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How often each profile's events named each category, for the category affinity of clusters:
 * the share of the profile's categorized events that name its most frequent category.
 *
 * <p>Kept sparse: categories get numbers from a dictionary shared by all profiles, and a profile
 * holds one packed {@code long} (category number, count) per distinct category it has, in an array
 * made only when its first categorized event arrives. Counts are exact, and so the share does not
 * depend on the order events arrive in, for up to {@value #MAX_PER_PROFILE} distinct categories per
 * profile and {@value #MAX_CATEGORIES} in the store; events naming a category beyond those limits
 * still count in the profile's total but cannot be its top category.
 */
final class CategoryCounts {

    static final int MAX_PER_PROFILE = 32;
    static final int MAX_CATEGORIES = 1 << 20;

    private final Map<String, Integer> dictionary = new HashMap<>();
    private final long[][] counts;
    private final int[] totals;

    CategoryCounts(int profiles) {
        counts = new long[profiles][];
        totals = new int[profiles];
    }

    void add(int row, String category) {
        totals[row]++;
        Integer number = dictionary.get(category);
        if (number == null) {
            if (dictionary.size() >= MAX_CATEGORIES) {
                return;
            }
            number = dictionary.size();
            dictionary.put(category, number);
        }
        long[] mine = counts[row];
        if (mine == null) {
            counts[row] = new long[] {pack(number, 1)};
            return;
        }
        for (int i = 0; i < mine.length; i++) {
            if (categoryOf(mine[i]) == number) {
                mine[i]++;
                return;
            }
        }
        if (mine.length < MAX_PER_PROFILE) {
            long[] grown = Arrays.copyOf(mine, mine.length + 1);
            grown[mine.length] = pack(number, 1);
            counts[row] = grown;
        }
    }

    /** The share of the profile's categorized events naming its top category; 0 if it has none. */
    double topShare(int row) {
        long[] mine = counts[row];
        if (mine == null) {
            return 0;
        }
        long top = 0;
        for (long packed : mine) {
            top = Math.max(top, countOf(packed));
        }
        return (double) top / totals[row];
    }

    /** The count sits in the low 32 bits, so that incrementing the packed value increments it. */
    private static long pack(int category, int count) {
        return ((long) category << 32) | count;
    }

    private static int categoryOf(long packed) {
        return (int) (packed >>> 32);
    }

    private static long countOf(long packed) {
        return packed & 0xFFFF_FFFFL;
    }
}
