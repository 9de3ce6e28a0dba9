package org.tailor.runtime.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.tailor.api.model.Profile;

/**
 * A daily window of local time in which no marketing message goes out, such as 21:00-08:00: a
 * message built inside it is held until it ends, in the recipient's own time zone.
 */
final class QuietHours {

    /** No quiet hours. */
    static final QuietHours NONE = new QuietHours(null, null, ZoneId.of("UTC"));

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId defaultZone;

    private QuietHours(LocalTime start, LocalTime end, ZoneId defaultZone) {
        this.start = start;
        this.end = end;
        this.defaultZone = defaultZone;
    }

    /**
     * @param window {@code HH:mm-HH:mm}, or blank for none
     * @throws IllegalArgumentException if the window cannot be read
     */
    static QuietHours parse(String window, ZoneId defaultZone) {
        if (window == null || window.isBlank()) {
            return NONE;
        }
        String[] ends = window.strip().split("\\s*-\\s*");
        try {
            if (ends.length != 2) {
                throw new DateTimeParseException("expected HH:mm-HH:mm", window, 0);
            }
            LocalTime start = LocalTime.parse(ends[0]);
            LocalTime end = LocalTime.parse(ends[1]);
            return start.equals(end) ? NONE : new QuietHours(start, end, defaultZone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet.hours '" + window + "' is not a window like 21:00-08:00", e);
        }
    }

    /** When the message may go out: now, or the end of the recipient's quiet hours if now is inside them. */
    Instant notBefore(Profile profile, Instant now) {
        if (start == null) {
            return now;
        }
        ZonedDateTime local = now.atZone(zoneOf(profile));
        LocalTime time = local.toLocalTime();
        boolean overnight = start.isAfter(end);
        boolean quiet = overnight ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return now;
        }
        ZonedDateTime ends = local.with(end);
        if (!ends.isAfter(local)) {
            ends = ends.plusDays(1).with(end);
        }
        return ends.toInstant();
    }

    private ZoneId zoneOf(Profile profile) {
        Optional<Object> zone = profile.attribute("time_zone");
        if (zone.isPresent()) {
            try {
                return ZoneId.of(zone.get().toString().strip());
            } catch (DateTimeException e) {
                // An unknown zone is the default zone, not a failed send.
            }
        }
        return defaultZone;
    }
}
