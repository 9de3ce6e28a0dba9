package org.tailor.segments.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * One streaming pass over the store for a recompute: every live profile, then every event since
 * the horizon, into compact per-profile columns. Nothing is held per profile but its id and a few
 * numbers, so the pass runs at a million profiles; events are never held at all.
 */
final class StorePass {

    /**
     * What the pass read.
     *
     * @param horizonDays how far back events were read
     * @param unknownEvents events of profiles the profile stream did not have (created or merged away meanwhile)
     */
    record Result(Instant now, int horizonDays, ProfileIndex index, ProfileColumns profiles, EventColumns events,
                  long eventsRead, long unknownEvents) {
    }

    private StorePass() {
    }

    static Result read(ProfileStore profileStore, EventStore eventStore, Instant now, int horizonDays,
                       EngagementModel engagement, EventKinds kinds, Set<String> planAttributes,
                       Set<EventColumns.Window> planWindows) {
        ProfileColumns profiles = new ProfileColumns(planAttributes, profileStore.count());
        profileStore.forEach(profiles::add);
        ProfileIndex index = ProfileIndex.of(profiles.ids(), profiles.size());
        EventColumns events = new EventColumns(profiles.size(), now, engagement, kinds, planWindows);
        AtomicLong unknown = new AtomicLong();
        long read = eventStore.forEachSince(now.minus(horizonDays, ChronoUnit.DAYS), event -> {
            int row = index.rowOf(event.profileId());
            if (row < 0) {
                unknown.incrementAndGet();
            } else {
                events.add(row, event);
            }
        });
        return new Result(now, horizonDays, index, profiles, events, read, unknown.get());
    }
}
