package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.ingest.RecordKind;

/**
 * Watermark columns of other types than a plain timestamp and an integer: PostgreSQL's
 * {@code timestamptz} (reported as TIMESTAMP by the driver) with {@code uuid} ids, bound back through
 * {@code CAST(? AS uuid)}; text ids; and timestamps without zone read in the configured time zone.
 */
class ZonedAndUuidKeysTest {

    final MemoryStateStore store = new MemoryStateStore();
    final CollectingSink sink = new CollectingSink();
    String table;
    TestDatabase db;

    @AfterEach
    void drop() throws SQLException {
        if (table != null) {
            db.execute("DROP TABLE " + table);
        }
    }

    JdbcConnector connector(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(Map.of("name", table, "table", table));
        properties.putAll(overrides);
        return new JdbcConnector(Configs.config(properties), db.dataSource(), store,
                Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void eventsKeyedByTimestamptzAndUuidPageAndResume() throws Exception {
        db = TestDatabase.POSTGRESQL;
        table = TestDatabase.uniqueName("events");
        db.execute("CREATE TABLE " + table + " (event_uuid uuid PRIMARY KEY, kind varchar(40), who varchar(20),"
                        + " happened timestamptz, page varchar(40))",
                "INSERT INTO " + table + " VALUES ('00000000-0000-0000-0000-000000000003', 'page_view', 'C1',"
                        + " '2026-11-20 10:00:00+01', '/a')",
                "INSERT INTO " + table + " VALUES ('00000000-0000-0000-0000-000000000001', 'page_view', 'C1',"
                        + " '2026-11-20 09:00:00+00', '/b')",
                "INSERT INTO " + table + " VALUES ('00000000-0000-0000-0000-000000000002', 'page_view', 'C2',"
                        + " '2026-11-20 09:00:00+00', '/c')");
        JdbcConnector connector = connector(Map.of("kind", "EVENT", "batch.size", 1, "overlap.seconds", 60,
                "columns", "event_uuid:event_id, kind:type, who:customer_id, happened:occurred_at, page:properties.page",
                "watermark.timestamp.column", "happened", "watermark.id.column", "event_uuid"));

        connector.poll(sink);
        db.execute("INSERT INTO " + table + " VALUES ('00000000-0000-0000-0000-000000000000', 'signup', 'C3',"
                + " '2026-11-20 09:00:00+00', '/d')");
        connector.poll(sink);

        assertThat(sink.handed).extracting(r -> r.kind()).containsOnly(RecordKind.EVENT);
        // All four happened at 09:00Z; ties go by uuid, and the late one with the lowest uuid comes from the overlap.
        assertThat(sink.handedValues("properties.page")).containsExactly("/b", "/c", "/a", "/d");
        assertThat(sink.handedValues("occurred_at")).containsOnly(Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(connector.status().lastError()).isEmpty();
    }

    @Test
    void textIdsAndTimestampsInTheConfiguredZone() throws Exception {
        db = TestDatabase.MARIADB;
        table = TestDatabase.uniqueName("events");
        db.execute("CREATE TABLE " + table + " (code varchar(20) PRIMARY KEY, kind varchar(40), who varchar(20),"
                        + " happened datetime(3))",
                "INSERT INTO " + table + " VALUES ('b', 'page_view', 'C1', '2026-11-20 10:00:00.250')",
                "INSERT INTO " + table + " VALUES ('a', 'page_view', 'C2', '2026-11-20 10:00:00.250')",
                "INSERT INTO " + table + " VALUES ('c', 'page_view', 'C3', '2026-11-20 10:00:00.250')");
        JdbcConnector connector = connector(Map.of("kind", "EVENT", "batch.size", 2, "time.zone", "Europe/Berlin",
                "columns", "code:event_id, kind:type, who:customer_id, happened:occurred_at",
                "watermark.timestamp.column", "happened", "watermark.id.column", "code"));

        connector.poll(sink);
        connector.poll(sink);

        assertThat(sink.handedValues("event_id")).isEqualTo(List.of("a", "b", "c"));
        assertThat(sink.handedValues("occurred_at")).containsOnly(Instant.parse("2026-11-20T09:00:00.250Z"));
    }
}
