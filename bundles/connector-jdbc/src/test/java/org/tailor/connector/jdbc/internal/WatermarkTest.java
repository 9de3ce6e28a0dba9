package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    static Watermark roundTrip(Watermark watermark) {
        return Watermark.decode(Optional.of(watermark.encode())).orElseThrow();
    }

    @Test
    void everyKindOfKeySurvivesTheStore() {
        Watermark local = new Watermark(new TimeKey(TimeKey.Kind.LOCAL, LocalDateTime.parse("2026-11-20T10:00:00.123456")),
                new IdKey(IdKey.Kind.LONG, "", 42L));
        Watermark offset = new Watermark(new TimeKey(TimeKey.Kind.OFFSET, OffsetDateTime.parse("2026-11-20T10:00:00Z")),
                new IdKey(IdKey.Kind.CAST, "uuid", "00000000-0000-0000-0000-000000000001"));
        Watermark date = new Watermark(new TimeKey(TimeKey.Kind.DATE, LocalDate.parse("2026-11-20")),
                new IdKey(IdKey.Kind.DECIMAL, "", new BigDecimal("12.50")));
        Watermark number = new Watermark(new TimeKey(TimeKey.Kind.NUMBER, 7L),
                new IdKey(IdKey.Kind.STRING, "", "a;b;c"));

        assertThat(roundTrip(local)).isEqualTo(local);
        assertThat(roundTrip(offset)).isEqualTo(offset);
        assertThat(roundTrip(date)).isEqualTo(date);
        assertThat(roundTrip(number)).isEqualTo(number);
        assertThat(Watermark.decode(Optional.empty())).isEmpty();
    }

    @Test
    void aStoredValueThatCannotBeReadSaysHowToStartOver() {
        assertThatThrownBy(() -> Watermark.decode(Optional.of("v1;LOCAL;yesterday;LONG;;1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the stored watermark 'v1;LOCAL;yesterday;LONG;;1' cannot be read")
                .hasMessageEndingWith("remove it to import the table from the start");
        assertThatThrownBy(() -> Watermark.decode(Optional.of("v1;LOCAL;2026-11-20T10:00;CAST;uuid) OR (1=1;x")))
                .isInstanceOf(IllegalStateException.class);
    }
}
