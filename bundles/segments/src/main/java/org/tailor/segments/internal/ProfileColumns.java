package org.tailor.segments.internal;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tailor.api.model.Profile;

/**
 * What the scores need from each profile's attributes, one row per profile in the order the store
 * streamed them: the id, the purchase figures of RFM, and the attributes scoring plans read, as
 * numbers ({@link NumericValue}; NaN when missing). Grows as profiles arrive.
 */
final class ProfileColumns {

    static final String LAST_ORDER_AT = "last_order_at";
    static final String ORDER_COUNT = "order_count";
    static final String LIFETIME_VALUE = "lifetime_value";

    private String[] ids;
    private double[] lastOrderDays;
    private double[] orderCount;
    private double[] lifetimeValue;
    private final Map<String, double[]> attributes = new LinkedHashMap<>();
    private int size;

    ProfileColumns(Set<String> planAttributes, long expected) {
        int capacity = (int) Math.max(16, Math.min(expected + expected / 8, Integer.MAX_VALUE - 8));
        ids = new String[capacity];
        lastOrderDays = missing(capacity);
        orderCount = missing(capacity);
        lifetimeValue = missing(capacity);
        planAttributes.forEach(name -> attributes.put(name, missing(capacity)));
    }

    private static double[] missing(int capacity) {
        double[] column = new double[capacity];
        Arrays.fill(column, Double.NaN);
        return column;
    }

    /**
     * Adds the profile as the next row. Its purchase figures are kept only if it is a buyer: an
     * order count of at least 1, a last order time and a lifetime value.
     */
    void add(Profile profile) {
        if (size == ids.length) {
            grow();
        }
        int row = size++;
        ids[row] = profile.id();
        Map<String, Object> values = profile.attributes();
        double orders = NumericValue.of(values.get(ORDER_COUNT));
        double last = NumericValue.of(values.get(LAST_ORDER_AT));
        double value = NumericValue.of(values.get(LIFETIME_VALUE));
        if (orders >= 1 && !Double.isNaN(last) && !Double.isNaN(value)) {
            orderCount[row] = orders;
            lastOrderDays[row] = last;
            lifetimeValue[row] = value;
        }
        attributes.forEach((name, column) -> column[row] = NumericValue.of(values.get(name)));
    }

    private void grow() {
        int capacity = ids.length + ids.length / 2;
        ids = Arrays.copyOf(ids, capacity);
        lastOrderDays = grown(lastOrderDays, capacity);
        orderCount = grown(orderCount, capacity);
        lifetimeValue = grown(lifetimeValue, capacity);
        attributes.replaceAll((name, column) -> grown(column, capacity));
    }

    private static double[] grown(double[] column, int capacity) {
        double[] copy = Arrays.copyOf(column, capacity);
        Arrays.fill(copy, column.length, capacity, Double.NaN);
        return copy;
    }

    int size() {
        return size;
    }

    /** The ids by row; only the first {@link #size()} are set. */
    String[] ids() {
        return ids;
    }

    boolean isBuyer(int row) {
        return !Double.isNaN(orderCount[row]);
    }

    /** The last order's time in days since 1970 (later is higher); NaN for non-buyers. */
    double lastOrderDays(int row) {
        return lastOrderDays[row];
    }

    double orderCount(int row) {
        return orderCount[row];
    }

    double lifetimeValue(int row) {
        return lifetimeValue[row];
    }

    /** A plan attribute by row, NaN where missing; only for names given at construction. */
    double[] attribute(String name) {
        double[] column = attributes.get(name);
        if (column == null) {
            throw new IllegalArgumentException("attribute '" + name + "' was not collected");
        }
        return column;
    }
}
