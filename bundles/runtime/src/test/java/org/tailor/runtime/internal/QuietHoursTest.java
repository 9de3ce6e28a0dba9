package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Profile;

class QuietHoursTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private final QuietHours night = QuietHours.parse("21:00-08:00", UTC);

    private static Profile in(String zone) {
        return Fakes.profile("p", "p@example.com", zone == null ? Map.of() : Map.of("time_zone", zone));
    }

    @Test
    void aMessageBuiltInTheRecipientsNightWaitsForTheirMorning() {
        Instant evening = Instant.parse("2026-11-23T21:30:00Z");
        assertThat(night.notBefore(in(null), evening)).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        // 21:30 UTC is 22:30 in Berlin: quiet until 08:00 Berlin = 07:00 UTC.
        assertThat(night.notBefore(in("Europe/Berlin"), evening)).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        // 21:30 UTC is 16:30 in New York: not quiet.
        assertThat(night.notBefore(in("America/New_York"), evening)).isEqualTo(evening);
        Instant earlyMorning = Instant.parse("2026-11-24T03:00:00Z");
        assertThat(night.notBefore(in(null), earlyMorning)).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
        assertThat(night.notBefore(in("Mars/Base"), earlyMorning)).as("an unknown zone is the default zone")
                .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @Test
    void aWindowWithinOneDayAndTheEdges() {
        QuietHours lunch = QuietHours.parse("12:00 - 13:30", UTC);
        assertThat(lunch.notBefore(in(null), Instant.parse("2026-11-23T12:00:00Z"))).isEqualTo(Instant.parse("2026-11-23T13:30:00Z"));
        assertThat(lunch.notBefore(in(null), Instant.parse("2026-11-23T13:30:00Z"))).isEqualTo(Instant.parse("2026-11-23T13:30:00Z"));
        assertThat(lunch.notBefore(in(null), Instant.parse("2026-11-23T11:59:59Z"))).isEqualTo(Instant.parse("2026-11-23T11:59:59Z"));
        // The night the clocks go back in Berlin: 08:00 local is still found.
        assertThat(night.notBefore(in("Europe/Berlin"), Instant.parse("2026-10-25T01:30:00Z")))
                .isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
    }

    @Test
    void noneOrAnUnreadableWindow() {
        Instant now = Instant.parse("2026-11-23T23:00:00Z");
        assertThat(QuietHours.parse("", UTC).notBefore(in(null), now)).isEqualTo(now);
        assertThat(QuietHours.parse("08:00-08:00", UTC).notBefore(in(null), now)).isEqualTo(now);
        assertThatThrownBy(() -> QuietHours.parse("late", UTC)).hasMessageContaining("not a window like 21:00-08:00");
    }
}
