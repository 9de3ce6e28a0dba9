package org.tailor.runtime.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.tailor.api.model.Profile;

/**
 * Yearly recurrences of a profile's date attribute, read as the segment rules read them: in the
 * profile's {@code time_zone} (UTC when it is missing or unknown), an instant counting as its day
 * there, a date as written. Someone born on 29 February has their anniversary on 28 February in
 * years without a 29th, and a date is not its own anniversary.
 */
final class Anniversaries {

    static final String TIME_ZONE = "time_zone";

    private Anniversaries() {
    }

    /** The profile's time zone, or UTC. */
    static ZoneId zoneOf(Profile profile) {
        if (profile.attribute(TIME_ZONE).orElse(null) instanceof String name && !name.isBlank()) {
            try {
                return ZoneId.of(name.strip());
            } catch (DateTimeException e) {
                // Not a zone Java knows: UTC, as the segment rules do.
            }
        }
        return ZoneOffset.UTC;
    }

    /** The attribute as a calendar date in the zone; empty when it is missing or no date. */
    static Optional<LocalDate> dateOf(Profile profile, String attribute, ZoneId zone) {
        Object value = profile.attribute(attribute).orElse(null);
        if (value instanceof LocalDate date) {
            return Optional.of(date);
        } else if (value instanceof Instant instant) {
            return Optional.of(LocalDate.ofInstant(instant, zone));
        } else if (value instanceof String text && !text.isBlank()) {
            String s = text.strip();
            try {
                return Optional.of(LocalDate.parse(s));
            } catch (DateTimeParseException notADate) {
                try {
                    return Optional.of(LocalDate.ofInstant(OffsetDateTime.parse(s).toInstant(), zone));
                } catch (DateTimeParseException notAnInstant) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The date's month and day in the year; 29 February becomes 28 February in a common year. */
    static LocalDate inYear(LocalDate date, int year) {
        return LocalDate.of(year, date.getMonth(), Math.min(date.getDayOfMonth(), date.getMonth().length(java.time.Year.isLeap(year))));
    }

    /** The anniversary in the year at the local time; empty if there is no date or the year is not after it. */
    static Optional<ZonedDateTime> occurrence(Profile profile, String attribute, LocalTime at, int year) {
        ZoneId zone = zoneOf(profile);
        return dateOf(profile, attribute, zone)
                .filter(date -> year > date.getYear())
                // A local time that a clock change skips moves forward by the gap, as ZonedDateTime.of does.
                .map(date -> ZonedDateTime.of(inYear(date, year), at, zone));
    }

    /** The first anniversary at or after the instant; empty if there is no date. */
    static Optional<ZonedDateTime> next(Profile profile, String attribute, LocalTime at, Instant notBefore) {
        ZoneId zone = zoneOf(profile);
        Optional<LocalDate> date = dateOf(profile, attribute, zone);
        if (date.isEmpty()) {
            return Optional.empty();
        }
        int year = Math.max(notBefore.atZone(zone).getYear(), date.get().getYear() + 1);
        // The occurrence in a year is never before that year starts locally, so the next year always qualifies.
        for (int y = year; y <= year + 1; y++) {
            ZonedDateTime candidate = ZonedDateTime.of(inYear(date.get(), y), at, zone);
            if (!candidate.toInstant().isBefore(notBefore)) {
                return Optional.of(candidate);
            }
        }
        throw new IllegalStateException("no anniversary within two years of " + notBefore);
    }
}
