package org.tailor.segments.internal;

import java.util.Objects;

/**
 * What a recompute needs to know besides the store.
 *
 * @param horizonDays how far back events are read, at least; longer when a plan counts events further back
 */
record ScoringSettings(int horizonDays, EngagementModel engagement, EventKinds kinds, ClusterSettings clusters) {

    ScoringSettings {
        if (horizonDays < 1 || horizonDays > Rule.MAX_DAYS) {
            throw new IllegalArgumentException("the event horizon must be 1 to " + Rule.MAX_DAYS + " days, got " + horizonDays);
        }
        Objects.requireNonNull(engagement, "engagement");
        Objects.requireNonNull(kinds, "kinds");
        Objects.requireNonNull(clusters, "clusters");
    }
}
