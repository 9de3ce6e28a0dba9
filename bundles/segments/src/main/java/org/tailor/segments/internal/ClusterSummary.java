package org.tailor.segments.internal;

import java.util.Locale;

/**
 * A cluster (or the whole store) described by the mean {@link Behaviour} of its members: its
 * centroid in raw units, with the mean rates that name it.
 */
record ClusterSummary(long size, Behaviour mean) {

    /** Sums behaviours into a mean. Not thread safe. */
    static final class Accumulator {
        private long size;
        private final double[] sums = new double[7];

        void add(Behaviour b) {
            size++;
            double[] values = {b.recencyDays(), b.frequency(), b.depth(), b.affinity(), b.orderRate(), b.emailRate(), b.viewRate()};
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
        }

        /** The mean; NaN throughout for no members. */
        ClusterSummary summary() {
            double[] m = new double[sums.length];
            for (int i = 0; i < m.length; i++) {
                m[i] = sums[i] / size;
            }
            return new ClusterSummary(size, new Behaviour(m[0], m[1], m[2], m[3], m[4], m[5], m[6]));
        }
    }

    /** One line for people: the size and the mean of each feature. */
    String describe() {
        return String.format(Locale.ROOT, "%d profiles; means: %.1f days since activity, %.2f events, %.2f orders, "
                        + "%.2f email opens and clicks, %.2f views per 30 days, depth %.2f, top category share %.2f",
                size, mean.recencyDays(), mean.frequency(), mean.orderRate(), mean.emailRate(), mean.viewRate(),
                mean.depth(), mean.affinity());
    }
}
