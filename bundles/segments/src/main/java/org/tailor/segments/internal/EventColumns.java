package org.tailor.segments.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tailor.api.model.Event;

/**
 * What the scores need from each profile's events, one entry per profile row, added up as events
 * stream by in any order: the engagement sum, the latest activity, counts by kind, category counts,
 * and the windowed counts scoring plans read. Sums and maxima, so the order of events changes
 * nothing.
 */
final class EventColumns {

    /** Events of one type within the last {@code days} days, as a scoring plan counts them. */
    record Window(String type, int days) {
    }

    static final String CATEGORY = "category";

    private final Instant now;
    private final EngagementModel engagement;
    private final EventKinds kinds;
    private final double[] engagementSums;
    /** Epoch seconds of the latest activity; Long.MIN_VALUE for none. */
    private final long[] lastActivity;
    private final int[] activity;
    private final int[] orders;
    private final int[] clicks;
    private final int[] opens;
    private final int[] views;
    private final CategoryCounts categories;
    private final Map<Window, int[]> windows = new LinkedHashMap<>();
    private final Map<Window, Instant> windowStarts = new LinkedHashMap<>();

    EventColumns(int profiles, Instant now, EngagementModel engagement, EventKinds kinds, Set<Window> planWindows) {
        this.now = now;
        this.engagement = engagement;
        this.kinds = kinds;
        engagementSums = new double[profiles];
        lastActivity = new long[profiles];
        Arrays.fill(lastActivity, Long.MIN_VALUE);
        activity = new int[profiles];
        orders = new int[profiles];
        clicks = new int[profiles];
        opens = new int[profiles];
        views = new int[profiles];
        categories = new CategoryCounts(profiles);
        for (Window window : planWindows) {
            windows.put(window, new int[profiles]);
            windowStarts.put(window, now.minus(window.days(), ChronoUnit.DAYS));
        }
    }

    void add(int row, Event event) {
        engagementSums[row] += engagement.contribution(event.type(), event.occurredAt(), now);
        windows.forEach((window, counts) -> {
            if (window.type().equals(event.type()) && !event.occurredAt().isBefore(windowStarts.get(window))) {
                counts[row]++;
            }
        });
        kinds.of(event.type()).ifPresent(kind -> {
            activity[row]++;
            switch (kind) {
                case ORDER -> orders[row]++;
                case CLICK -> clicks[row]++;
                case OPEN -> opens[row]++;
                case VIEW -> views[row]++;
            }
            lastActivity[row] = Math.max(lastActivity[row], event.occurredAt().getEpochSecond());
            if (event.properties().get(CATEGORY) instanceof String category && !category.isBlank()) {
                categories.add(row, category);
            }
        });
    }

    double engagementSum(int row) {
        return engagementSums[row];
    }

    /** Days from the latest activity to now (0 for activity in the future); NaN without activity. */
    double daysSinceActivity(int row) {
        if (lastActivity[row] == Long.MIN_VALUE) {
            return Double.NaN;
        }
        return Math.max(0, now.getEpochSecond() - lastActivity[row]) / 86_400.0;
    }

    int activity(int row) {
        return activity[row];
    }

    int orders(int row) {
        return orders[row];
    }

    int clicks(int row) {
        return clicks[row];
    }

    int opens(int row) {
        return opens[row];
    }

    int views(int row) {
        return views[row];
    }

    double topCategoryShare(int row) {
        return categories.topShare(row);
    }

    /** The counts of a plan's window by row; only for windows given at construction. */
    int[] window(Window window) {
        int[] counts = windows.get(window);
        if (counts == null) {
            throw new IllegalArgumentException(window + " was not collected");
        }
        return counts;
    }
}
