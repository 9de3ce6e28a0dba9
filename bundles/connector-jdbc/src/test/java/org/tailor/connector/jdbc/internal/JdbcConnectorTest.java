package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

/** The connector against the real local PostgreSQL and MariaDB; every test makes and drops its own tables. */
class JdbcConnectorTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    final MemoryStateStore store = new MemoryStateStore();
    final CollectingSink sink = new CollectingSink();
    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void dropTables() {
        cleanups.forEach(Runnable::run);
    }

    String table(TestDatabase db, String prefix, String columns) throws SQLException {
        String name = TestDatabase.uniqueName(prefix);
        db.execute("CREATE TABLE " + name + " (" + columns.replace("TS", db.timestamp) + ")");
        cleanups.add(() -> {
            try {
                db.execute("DROP TABLE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop " + name, e);
            }
        });
        return name;
    }

    String customers(TestDatabase db) throws SQLException {
        return table(db, "customers", "id bigint PRIMARY KEY, mail varchar(100), first_name varchar(50),"
                + " born date, tier varchar(20), updated_at TS");
    }

    JdbcConnector connector(DataSource dataSource, String table, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("name", table);
        properties.put("table", table);
        properties.put("columns", "id:customer_id, mail:email, first_name, born:birth_date, tier:attributes.tier");
        properties.putAll(overrides);
        return new JdbcConnector(Configs.config(properties), dataSource, store, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static String customer(long id, String mail, String updatedAt) {
        return "INSERT INTO %s VALUES (" + id + ", '" + mail + "', 'N" + id + "', '1990-04-23', 'gold', '" + updatedAt + "')";
    }

    static void insert(TestDatabase db, String table, String... templates) throws SQLException {
        db.execute(java.util.Arrays.stream(templates).map(t -> t.formatted(table)).toArray(String[]::new));
    }

    // --- full and incremental import ---------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void importsEveryRowFirstAndThenOnlyTheChangedOnes(TestDatabase db) throws Exception {
        String table = customers(db);
        insert(db, table,
                customer(1, "anna@example.com", "2026-11-20 10:00:00"),
                customer(2, "ben@example.com", "2026-11-20 10:00:01"),
                customer(3, "clara@example.com", "2026-11-20 10:00:02"));
        JdbcConnector connector = connector(db.dataSource(), table, Map.of("batch.size", 2));

        connector.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 2L, 3L);
        InboundRecord first = sink.handed.get(0);
        assertThat(first.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(first.source()).isEqualTo("jdbc:" + table);
        assertThat(first.position()).isEqualTo(table + " id=1");
        assertThat(first.fields()).isEqualTo(Map.of(
                "customer_id", 1L, "email", "anna@example.com", "first_name", "N1",
                "birth_date", LocalDate.of(1990, 4, 23), "attributes.tier", "gold"));

        sink.clear();
        db.execute("UPDATE " + table + " SET mail = 'ben@example.org', updated_at = '2026-11-20 11:00:00' WHERE id = 2");
        insert(db, table, customer(4, "dora@example.com", "2026-11-20 11:00:01"));
        connector.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(2L, 4L);
        assertThat(sink.handedValues("email")).containsExactly("ben@example.org", "dora@example.com");

        sink.clear();
        connector.poll(sink);
        assertThat(sink.handed).isEmpty();

        ConnectorStatus status = connector.status();
        assertThat(status.name()).isEqualTo(table);
        assertThat(status.idle()).isTrue();
        assertThat(status.accepted()).isEqualTo(5);
        assertThat(status.rejected()).isZero();
        assertThat(status.unitsDone()).isEqualTo(3);
        assertThat(status.unitsFailed()).isZero();
        assertThat(status.lastError()).isEmpty();
        assertThat(status.lastRunAt()).contains(NOW);
        assertThat(status.lag()).contains(Duration.ofMinutes(59).plusSeconds(59));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rowsWithTheSameTimestampAcrossBatchBoundariesAreEachImportedOnce(TestDatabase db) throws Exception {
        String table = customers(db);
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 7; id++) {
            rows.add(customer(id * 10, "c" + id + "@example.com", "2026-11-20 10:00:00"));
        }
        rows.add(customer(5, "early@example.com", "2026-11-20 09:00:00"));
        insert(db, table, rows.toArray(String[]::new));
        JdbcConnector connector = connector(db.dataSource(), table, Map.of("batch.size", 3));

        connector.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(5L, 10L, 20L, 30L, 40L, 50L, 60L, 70L);
        assertThat(connector.status().unitsDone()).isEqualTo(3);

        // A later row with the same timestamp and a higher id is still new.
        sink.clear();
        insert(db, table, customer(80, "c8@example.com", "2026-11-20 10:00:00"));
        connector.poll(sink);
        assertThat(sink.handedValues("customer_id")).containsExactly(80L);
    }

    // --- late commits and the overlap ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theOverlapCatchesARowCommittedLateWithAnOlderTimestamp(TestDatabase db) throws Exception {
        String table = customers(db);
        insert(db, table, customer(1, "anna@example.com", "2026-11-20 10:00:00"));
        JdbcConnector withOverlap = connector(db.dataSource(), table, Map.of("overlap.seconds", 300));
        JdbcConnector withoutOverlap = connector(db.dataSource(), table, Map.of("name", table + "-no-overlap"));
        CollectingSink noOverlapSink = new CollectingSink();
        withOverlap.poll(sink);
        withoutOverlap.poll(noOverlapSink);

        try (Connection slow = db.dataSource().getConnection()) {
            slow.setAutoCommit(false);
            try (Statement statement = slow.createStatement()) {
                // Stamped at 10:01 but committed only after a row stamped 10:02 was imported.
                statement.execute(customer(2, "late@example.com", "2026-11-20 10:01:00").formatted(table));
            }
            insert(db, table, customer(3, "clara@example.com", "2026-11-20 10:02:00"));
            withOverlap.poll(sink);
            withoutOverlap.poll(noOverlapSink);
            slow.commit();
        }
        withOverlap.poll(sink);
        withoutOverlap.poll(noOverlapSink);
        withOverlap.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 3L, 2L);
        assertThat(noOverlapSink.handedValues("customer_id")).containsExactly(1L, 3L);

        // A row in the window that changes again is handed over again; an unchanged one is not.
        sink.clear();
        db.execute("UPDATE " + table + " SET mail = 'anna@example.org', updated_at = '2026-11-20 10:01:30' WHERE id = 1");
        withOverlap.poll(sink);
        assertThat(sink.handedValues("email")).containsExactly("anna@example.org");
    }

    // --- orders ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void ordersCarryTheirLineItems(TestDatabase db) throws Exception {
        String orders = table(db, "orders", "id bigint PRIMARY KEY, order_no varchar(20), customer varchar(20),"
                + " total decimal(10,2), currency char(3), ordered_at TS, updated_at TS");
        String items = table(db, "order_items", "order_id bigint, line int, sku varchar(20), title varchar(50),"
                + " qty int, price decimal(10,2)");
        db.execute(
                "INSERT INTO " + orders + " VALUES (1, 'A-1', 'C1', 29.90, 'EUR', '2026-11-19 08:00:00', '2026-11-20 10:00:00')",
                "INSERT INTO " + orders + " VALUES (2, 'A-2', 'C2', 5.00, 'EUR', '2026-11-19 09:00:00', '2026-11-20 10:00:01')",
                "INSERT INTO " + items + " VALUES (1, 1, 'SKU-1', 'Mug', 2, 9.95)",
                "INSERT INTO " + items + " VALUES (1, 2, 'SKU-2', 'Tea', 1, 10.00)",
                "INSERT INTO " + items + " VALUES (3, 1, 'SKU-9', 'Other order', 1, 1.00)");
        JdbcConnector connector = connector(db.dataSource(), orders, Map.of(
                "kind", "ORDER",
                "columns", "order_no:order_id, customer:customer_id, total, currency, ordered_at",
                "items.table", items,
                "items.columns", "sku, title:name, qty:quantity, price:unit_price"));

        connector.poll(sink);

        assertThat(sink.handed).hasSize(2);
        Map<String, Object> first = sink.handed.get(0).fields();
        assertThat(first).containsEntry("order_id", "A-1").containsEntry("customer_id", "C1")
                .containsEntry("currency", "EUR")
                .containsEntry("ordered_at", Instant.parse("2026-11-19T08:00:00Z"));
        assertThat((BigDecimal) first.get("total")).isEqualByComparingTo("29.90");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) first.get("items");
        assertThat(lines).extracting(l -> l.get("sku")).containsExactly("SKU-1", "SKU-2");
        assertThat(lines.get(0)).containsEntry("name", "Mug").containsEntry("quantity", 2L);
        assertThat((BigDecimal) lines.get(0).get("unit_price")).isEqualByComparingTo("9.95");
        assertThat(sink.handed.get(1).fields()).doesNotContainKey("items");
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aBadValueIsRejectedByIngestAndThePullGoesOn(TestDatabase db) throws Exception {
        String orders = table(db, "orders", "id bigint PRIMARY KEY, total varchar(20), currency char(3), updated_at TS");
        db.execute(
                "INSERT INTO " + orders + " VALUES (1, '10.00', 'EUR', '2026-11-20 10:00:00')",
                "INSERT INTO " + orders + " VALUES (2, 'twelve', 'EUR', '2026-11-20 10:00:01')",
                "INSERT INTO " + orders + " VALUES (3, '7.50', 'EUR', '2026-11-20 10:00:02')");
        JdbcConnector connector = connector(db.dataSource(), orders, Map.of(
                "kind", "ORDER", "columns", "id:order_id, total, currency", "batch.size", 2));

        connector.poll(sink);
        connector.poll(sink);

        assertThat(sink.accepted).extracting(r -> r.fields().get("order_id")).containsExactly(1L, 3L);
        assertThat(sink.rejected).extracting(r -> r.position()).containsExactly(orders + " id=2");
        ConnectorStatus status = connector.status();
        assertThat(status.accepted()).isEqualTo(2);
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.lastError()).isEmpty();
    }

    // --- failures and restarts -------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aConnectionDroppedMidPullIsReportedAndTheNextPollResumesFromTheWatermark(TestDatabase db) throws Exception {
        String table = customers(db);
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 10; id++) {
            rows.add(customer(id, "c" + id + "@example.com", "2026-11-20 10:00:0" + (id / 4)));
        }
        insert(db, table, rows.toArray(String[]::new));
        TrackingDataSource dataSource = new TrackingDataSource(db);
        JdbcConnector connector = connector(dataSource, table, Map.of("batch.size", 3));
        sink.afterEach = handed -> {
            if (handed == 4) {
                try {
                    db.execute(db.killStatement(dataSource.lastBackendId));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        assertThatThrownBy(() -> connector.poll(sink))
                .isInstanceOf(PullFailedException.class)
                .hasMessageStartingWith(table + ": reading " + table + " after watermark (")
                .hasMessageContaining("failed: [SQLState ")
                .hasMessageEndingWith("; the next poll resumes from there");
        ConnectorStatus failed = connector.status();
        assertThat(failed.unitsFailed()).isEqualTo(1);
        assertThat(failed.idle()).isFalse();
        assertThat(failed.lastError()).startsWith(NOW + " reading " + table).doesNotContain("\n");
        assertThat(sink.handed).hasSize(6);

        sink.afterEach = handed -> { };
        connector.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(dataSource.connections).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void ingestFailingMidBatchLeavesTheWatermarkAndTheWholeBatchComesAgain(TestDatabase db) throws Exception {
        String table = customers(db);
        List<String> rows = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            rows.add(customer(id, "c" + id + "@example.com", "2026-11-20 10:00:00"));
        }
        insert(db, table, rows.toArray(String[]::new));
        JdbcConnector connector = connector(db.dataSource(), table, Map.of("batch.size", 4));
        sink.failAt = 3;

        assertThatThrownBy(() -> connector.poll(sink))
                .isInstanceOf(PullFailedException.class)
                .hasMessageContaining("ingest store unavailable");
        assertThat(store.get(table, IncrementalPull.WATERMARK_KEY)).as("no part of a failed batch counts as handed").isEmpty();

        sink.failAt = 0;
        connector.poll(sink);

        // Rows 1 and 2 reached ingest before it failed and come again with their batch: idempotent ingest absorbs them.
        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 2L, 1L, 2L, 3L, 4L, 5L, 6L);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStateStoreThatCannotSaveStopsThePollAndTheBatchIsReadAgain(TestDatabase db) throws Exception {
        String table = customers(db);
        insert(db, table,
                customer(1, "anna@example.com", "2026-11-20 10:00:00"),
                customer(2, "ben@example.com", "2026-11-20 10:00:01"));
        JdbcConnector connector = connector(db.dataSource(), table, Map.of());
        store.failingPuts = 1;

        assertThatThrownBy(() -> connector.poll(sink)).hasMessageContaining("state store unavailable");
        assertThat(store.get(table, IncrementalPull.WATERMARK_KEY)).isEmpty();
        connector.poll(sink);

        // Nothing lost; the unsaved batch is handed over again, which idempotent ingest absorbs.
        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 2L, 1L, 2L);
        assertThat(store.get(table, IncrementalPull.WATERMARK_KEY)).isPresent();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aNewInstanceWithTheSameStoreContinuesWhereTheLastOneStopped(TestDatabase db) throws Exception {
        String table = customers(db);
        insert(db, table,
                customer(1, "anna@example.com", "2026-11-20 10:00:00"),
                customer(2, "ben@example.com", "2026-11-20 10:00:01"));
        connector(db.dataSource(), table, Map.of()).poll(sink);
        insert(db, table, customer(3, "clara@example.com", "2026-11-20 10:00:02"));

        JdbcConnector restarted = connector(db.dataSource(), table, Map.of());
        assertThat(restarted.status().lag()).isEmpty();
        restarted.poll(sink);

        assertThat(sink.handedValues("customer_id")).containsExactly(1L, 2L, 3L);
        assertThat(restarted.status().accepted()).isEqualTo(1);
        assertThat(restarted.status().lag()).contains(Duration.ofSeconds(7198));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aStoredWatermarkThatCannotBeReadStopsThePollWithAClearMessage(TestDatabase db) throws Exception {
        String table = customers(db);
        insert(db, table, customer(1, "anna@example.com", "2026-11-20 10:00:00"));
        store.put(table, IncrementalPull.WATERMARK_KEY, "garbage");
        JdbcConnector connector = connector(db.dataSource(), table, Map.of());

        assertThatThrownBy(() -> connector.poll(sink)).hasMessage(table + ": stopped at the start: the stored watermark"
                + " 'garbage' cannot be read (unknown format); remove it to import the table from the start;"
                + " the next poll tries again");
        assertThat(sink.handed).isEmpty();

        store.remove(table, IncrementalPull.WATERMARK_KEY);
        connector.poll(sink);
        assertThat(sink.handedValues("customer_id")).containsExactly(1L);
    }
}
