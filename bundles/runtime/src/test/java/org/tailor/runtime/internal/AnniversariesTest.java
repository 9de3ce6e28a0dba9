package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Profile;

class AnniversariesTest {

    private static final LocalTime NINE = LocalTime.of(9, 0);

    @Test
    void theLocalTimeIsInTheProfilesTimeZoneOrUtc() {
        Profile berlin = person(Map.of("birth_date", LocalDate.of(1990, 5, 17), "time_zone", "Europe/Berlin"));
        Profile tokyo = person(Map.of("birth_date", LocalDate.of(1990, 12, 1), "time_zone", "Asia/Tokyo"));
        Profile unknownZone = person(Map.of("birth_date", LocalDate.of(1990, 5, 17), "time_zone", "Mars/Olympus"));
        Profile noZone = person(Map.of("birth_date", "1990-05-17"));

        assertThat(instant(berlin, 2026)).isEqualTo("2026-05-17T07:00:00Z");
        assertThat(Anniversaries.occurrence(person(Map.of("birth_date", LocalDate.of(1990, 1, 17),
                "time_zone", "Europe/Berlin")), "birth_date", NINE, 2026).orElseThrow().toInstant())
                .as("winter time").isEqualTo("2026-01-17T08:00:00Z");
        assertThat(instant(tokyo, 2026)).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(instant(unknownZone, 2026)).isEqualTo("2026-05-17T09:00:00Z");
        assertThat(instant(noZone, 2026)).isEqualTo("2026-05-17T09:00:00Z");
    }

    @Test
    void aLeapDayBirthdayIsOnThe28thInCommonYears() {
        Profile leap = person(Map.of("birth_date", LocalDate.of(1992, 2, 29)));
        assertThat(instant(leap, 2027)).isEqualTo("2027-02-28T09:00:00Z");
        assertThat(instant(leap, 2028)).isEqualTo("2028-02-29T09:00:00Z");
        assertThat(Anniversaries.next(leap, "birth_date", NINE, Instant.parse("2027-02-28T09:00:01Z")).orElseThrow()
                .toLocalDate()).isEqualTo(LocalDate.of(2028, 2, 29));
    }

    @Test
    void anInstantCountsAsItsDayInTheProfilesZoneAndADateIsNotItsOwnAnniversary() {
        Profile late = person(Map.of("signed_up_at", Instant.parse("2024-03-01T23:30:00Z"), "time_zone", "Europe/Berlin"));
        assertThat(Anniversaries.occurrence(late, "signed_up_at", NINE, 2025).orElseThrow().toLocalDate())
                .isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(Anniversaries.occurrence(late, "signed_up_at", NINE, 2024)).isEmpty();
        assertThat(Anniversaries.next(late, "signed_up_at", NINE, Instant.parse("2024-03-01T23:30:00Z")).orElseThrow()
                .toLocalDate()).isEqualTo(LocalDate.of(2025, 3, 2));
        assertThat(Anniversaries.occurrence(person(Map.of("signed_up_at", "2024-03-01T23:30:00+00:00",
                "time_zone", "Europe/Berlin")), "signed_up_at", NINE, 2025).orElseThrow().toLocalDate())
                .as("an instant written as text").isEqualTo(LocalDate.of(2025, 3, 2));
    }

    @Test
    void missingOrUnusableDatesHaveNoAnniversary() {
        for (Object value : List.of("31.02.1990", "", 42, true)) {
            assertThat(Anniversaries.next(person(Map.of("birth_date", value)), "birth_date", NINE, Instant.EPOCH))
                    .as("%s", value).isEmpty();
        }
        assertThat(Anniversaries.next(person(Map.of()), "birth_date", NINE, Instant.EPOCH)).isEmpty();
    }

    @Test
    void aSkippedLocalTimeMovesForwardByTheGap() {
        Profile berlin = person(Map.of("birth_date", LocalDate.of(1990, 3, 29), "time_zone", "Europe/Berlin"));
        // 29 March 2026, 02:30 does not exist in Berlin: clocks go from 02:00 CET to 03:00 CEST.
        assertThat(Anniversaries.occurrence(berlin, "birth_date", LocalTime.of(2, 30), 2026).orElseThrow().toInstant())
                .isEqualTo("2026-03-29T01:30:00Z");
    }

    @Test
    void nextIsTheFirstOccurrenceAtOrAfterTheInstantForRandomDatesAndZones() {
        Random random = new Random(20260301L);
        List<String> zones = List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati",
                "Pacific/Pago_Pago", "Australia/Lord_Howe", "Asia/Kathmandu");
        for (int i = 0; i < 2_000; i++) {
            LocalDate date = LocalDate.of(1930 + random.nextInt(90), 1, 1).plusDays(random.nextInt(366));
            ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
            LocalTime at = LocalTime.of(random.nextInt(24), random.nextInt(60));
            Instant notBefore = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(10 * 365 * 86_400));
            Profile profile = person(Map.of("birth_date", date, "time_zone", zone.getId()));

            ZonedDateTime next = Anniversaries.next(profile, "birth_date", at, notBefore).orElseThrow();

            assertThat(next.toInstant()).as("case %d", i).isAfterOrEqualTo(notBefore);
            assertThat(next.toLocalDate()).isEqualTo(Anniversaries.inYear(date, next.getYear()));
            assertThat(next.getYear()).isGreaterThan(date.getYear());
            ZonedDateTime previous = Anniversaries.occurrence(profile, "birth_date", at, next.getYear() - 1).orElse(null);
            if (previous != null) {
                assertThat(previous.toInstant()).as("case %d: nothing earlier qualifies", i).isBefore(notBefore);
            }
        }
    }

    private static Instant instant(Profile profile, int year) {
        return Anniversaries.occurrence(profile, "birth_date", NINE, year).orElseThrow().toInstant();
    }

    private static Profile person(Map<String, Object> attributes) {
        return Fakes.profile("p1", "ann@example.com", attributes);
    }
}
