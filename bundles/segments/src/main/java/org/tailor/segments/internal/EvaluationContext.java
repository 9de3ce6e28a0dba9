package org.tailor.segments.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/**
 * What one evaluation reads: the profile, its events (at least those in the rule's window), its
 * scores, its consent history, the instant of evaluation, the profile's time zone, and the other
 * segments' rules and the lifecycle. Immutable.
 *
 * @param scores the profile's derived values by name, each a BigDecimal or a String
 * @param consents the profile's consent history for every purpose, in the order the store keeps it (oldest first)
 * @param visiting the segments (and {@link SegmentGraph#LIFECYCLE}) being evaluated on the way here, outermost first, to stop a cycle
 */
record EvaluationContext(Profile profile, List<Event> events, Map<String, Object> scores, List<ConsentRecord> consents,
                         Instant now, ZoneId zone, String zoneNote, SegmentLookup segments, List<String> visiting) {

    /** The profile attribute that names its time zone, as ingest stores it. */
    static final String TIME_ZONE = "time_zone";

    EvaluationContext {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(events, "events");
        scores = Map.copyOf(scores);
        consents = List.copyOf(consents);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(segments, "segments");
        visiting = List.copyOf(visiting);
    }

    /** A context without scores and consent records: score conditions find nothing, consent is unknown. */
    static EvaluationContext of(Profile profile, List<Event> events, Instant now, SegmentLookup segments) {
        return of(profile, events, now, segments, Map.of(), List.of());
    }

    /**
     * A context with everything a rule can read.
     *
     * @param scores as {@code ScoreStore.scoresOf(profile.id())} gives them
     * @param consents as {@code ConsentStore.history(profile.id())} gives it
     */
    static EvaluationContext of(Profile profile, List<Event> events, Instant now, SegmentLookup segments,
                                Map<String, Object> scores, List<ConsentRecord> consents) {
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
        return new EvaluationContext(profile, events, scores, consents, now, zone, note, segments, List.of());
    }

    /** Today in the profile's time zone. */
    LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    EvaluationContext entering(String segmentId) {
        List<String> path = new ArrayList<>(visiting);
        path.add(segmentId);
        return new EvaluationContext(profile, events, scores, consents, now, zone, zoneNote, segments, path);
    }
}
