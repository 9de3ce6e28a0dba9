package org.tailor.segments.internal;

/**
 * The behaviour of one profile over the horizon, in raw units, from its {@link EventColumns}
 * (activity = events of the kinds in {@link EventKinds}):
 * <ul>
 * <li>recency: days since the latest activity, the whole horizon when there was none;</li>
 * <li>frequency: activity per 30 days;</li>
 * <li>depth: the share of activity that is email clicks or orders, 0 without activity;</li>
 * <li>affinity: the share of categorized activity naming the top category, 0 without any;</li>
 * </ul>
 * the four features clusters are formed on, and the rates of orders, email opens and clicks, and
 * views per 30 days, which name them.
 */
record Behaviour(double recencyDays, double frequency, double depth, double affinity,
                 double orderRate, double emailRate, double viewRate) {

    static final int FEATURES = 4;

    static Behaviour of(EventColumns events, int row, int horizonDays) {
        double perThirtyDays = 30.0 / horizonDays;
        double since = events.daysSinceActivity(row);
        int activity = events.activity(row);
        int orders = events.orders(row);
        int clicks = events.clicks(row);
        return new Behaviour(Double.isNaN(since) ? horizonDays : Math.min(horizonDays, since),
                activity * perThirtyDays,
                activity == 0 ? 0 : (double) (clicks + orders) / activity,
                events.topCategoryShare(row),
                orders * perThirtyDays,
                (events.opens(row) + clicks) * perThirtyDays,
                events.views(row) * perThirtyDays);
    }

    /**
     * The clustering features in a fixed order: recency, frequency, depth, affinity, with recency
     * and frequency as {@code ln(1 + x)}. Both are skewed (a few profiles are very active, a few
     * long gone); on a log scale 200 and 300 days away are about as far apart as 2 and 3, so that
     * the long gone do not take several clusters between them.
     */
    double[] features() {
        return new double[] {Math.log1p(recencyDays), Math.log1p(frequency), depth, affinity};
    }
}
