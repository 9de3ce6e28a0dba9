package org.tailor.segments.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/**
 * What one evaluation reads: the profile, its events (at least those in the rule's window), the
 * instant of evaluation, the profile's time zone and the other segments' rules. Immutable.
 *
 * @param visiting the segments being evaluated on the way here, outermost first, to stop a cycle
 */
record EvaluationContext(Profile profile, List<Event> events, Instant now, ZoneId zone, String zoneNote,
                         SegmentLookup segments, List<String> visiting) {

    /** The profile attribute that names its time zone, as ingest stores it. */
    static final String TIME_ZONE = "time_zone";

    EvaluationContext {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(segments, "segments");
        visiting = List.copyOf(visiting);
    }

    static EvaluationContext of(Profile profile, List<Event> events, Instant now, SegmentLookup segments) {
        Object zoneName = profile.attributes().get(TIME_ZONE);
        ZoneId zone = ZoneOffset.UTC;
        String note = "UTC, the profile has no time_zone";
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName.toString().strip());
                note = zone.getId();
            } catch (DateTimeException e) {
                // A time zone ingest let through but Java does not know must not stop a campaign.
                note = "UTC, time_zone " + TextLiterals.value(zoneName) + " is not a time zone";
            }
        }
        return new EvaluationContext(profile, events, now, zone, note, segments, List.of());
    }

    /** Today in the profile's time zone. */
    LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    EvaluationContext entering(String segmentId) {
        List<String> path = new ArrayList<>(visiting);
        path.add(segmentId);
        return new EvaluationContext(profile, events, now, zone, zoneNote, segments, path);
    }
}
