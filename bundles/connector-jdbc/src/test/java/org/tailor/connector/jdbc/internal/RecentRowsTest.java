package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRowsTest {

    static final LocalDateTime T0 = LocalDateTime.parse("2026-11-20T10:00:00");

    static Row row(long id, LocalDateTime at, String email) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("customer_id", id);
        fields.put("email", email);
        return new Row(new TimeKey(TimeKey.Kind.LOCAL, at), new IdKey(IdKey.Kind.LONG, "", id), fields);
    }

    @Test
    void aRowCountsAsSeenOnlyWithTheSameTimestampAndContent() {
        RecentRows recent = new RecentRows();
        recent.add(row(1, T0, "a@example.com"));

        assertThat(recent.contains(row(1, T0, "a@example.com"))).isTrue();
        assertThat(recent.contains(row(1, T0, "b@example.com"))).isFalse();
        assertThat(recent.contains(row(1, T0.plusNanos(1000), "a@example.com"))).isFalse();
        assertThat(recent.contains(row(2, T0, "a@example.com"))).isFalse();
    }

    @Test
    void onlyTheWindowIsKeptEvenThroughALongFirstImport() {
        RecentRows recent = new RecentRows();
        Duration window = Duration.ofSeconds(10);
        for (int i = 0; i < 100_000; i++) {
            LocalDateTime at = T0.plusSeconds(i);
            recent.add(row(i, at, "c@example.com"));
            recent.trimWhenGrown(new TimeKey(TimeKey.Kind.LOCAL, at), window);
        }
        assertThat(recent.size()).isLessThan(2_100);

        recent.retainWindow(new TimeKey(TimeKey.Kind.LOCAL, T0.plusSeconds(99_999)), window);
        assertThat(recent.size()).isEqualTo(11);
    }
}
