package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Event;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.StoreException;

/** Opening, migrating and refusing databases, on each dialect. */
@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcStoreTest {

    private static final Instant T0 = Instant.parse("2025-02-01T10:00:00Z");

    @Parameter
    Dialect dialect;

    @TempDir
    Path dir;

    private TestDatabase database;

    @BeforeEach
    void create() {
        database = TestDatabase.create(dialect, dir);
    }

    @AfterEach
    void drop() {
        database.close();
    }

    @Test
    void migrationsApplyOnceAndAreRecorded() {
        JdbcStore db = database.open();
        List<String> first = history(db);
        db.close();
        assertThat(first).hasSize(Migrations.BUNDLED.size());
        assertThat(first.get(0)).startsWith("1|profiles events|");
        assertThat(first.get(1)).startsWith("2|consent outbox|");
        assertThat(first.get(2)).startsWith("3|orders merges dead letters|");
        assertThat(first.get(3)).startsWith("4|scores membership|");
        assertThat(first.get(4)).startsWith("5|consent proof suppression audit|");
        assertThat(first.get(5)).startsWith("6|trigger timers|");

        JdbcStore again = database.open();
        assertThat(history(again)).as("re-activation applies nothing").isEqualTo(first);
        assertThat(database.tables(again)).contains("profiles", "profile_identities", "events", "consent_records",
                "outbox", "orders", "order_lines", "profile_merges", "profile_merge_identities", "dead_letters",
                "connector_state", "profile_scores", "segment_members", "suppressions", "audit_log", "audit_head",
                "used_tokens", "subject_requests", "trigger_timers", "tailor_schema_version");
    }

    @Test
    void aChangedChecksumIsRefused() {
        JdbcStore db = database.open();
        db.withConnection("tamper", c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate("UPDATE tailor_schema_version SET checksum = 'abc' WHERE version = 1");
            }
        });
        db.close();

        assertThatThrownBy(database::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dialect.migrationFolder() + "V1__profiles_events.sql")
                .hasMessageContaining("has changed since it was applied")
                .hasMessageContaining("recorded checksum abc");
    }

    @Test
    void anEditedScriptIsRefused() {
        ClassLoader loader = getClass().getClassLoader();
        database.open(new Migrations(loader, List.of("db/test-migration/original/V1__first.sql"))).close();

        assertThatThrownBy(() -> database.open(
                new Migrations(loader, List.of("db/test-migration/edited/V1__first.sql"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("db/test-migration/edited/V1__first.sql (version 1) has changed");
    }

    @Test
    void aDatabaseFromANewerBundleIsRefused() {
        database.open().close();

        assertThatThrownBy(() -> database.open(new Migrations(getClass().getClassLoader(),
                Migrations.bundledResources(dialect, 1))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema is at version " + newestBundledVersion()
                        + " but this Tailor store bundle only knows versions up to 1");
    }

    @Test
    void aFailingScriptNamesItselfAndIsNotRecorded() {
        ClassLoader loader = getClass().getClassLoader();
        assertThatThrownBy(() -> database.open(new Migrations(loader,
                List.of("db/test-migration/original/V1__first.sql", "db/test-migration/broken/V2__broken.sql"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("db/test-migration/broken/V2__broken.sql failed at statement 2");

        JdbcStore db = database.open(new Migrations(loader, List.of("db/test-migration/original/V1__first.sql")));
        assertThat(history(db)).hasSize(1);
    }

    @Test
    void sqlFailuresNameTheOperation() {
        JdbcStore db = database.open();
        assertThatThrownBy(() -> db.withConnection("do something odd", c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeQuery("SELECT * FROM no_such_table");
            }
        })).isInstanceOf(StoreException.class).hasMessageStartingWith("do something odd failed: ");
    }

    /** An install of the previous release (schema version 2) moves forward and keeps its data. */
    @Test
    void aVersion2DatabaseMigratesToTheLatestAndKeepsItsData() {
        JdbcStore old = database.open(new Migrations(getClass().getClassLoader(),
                Migrations.bundledResources(dialect, 2)));
        assertThat(history(old)).hasSize(2);
        old.withConnection("write as the previous release did", c -> {
            String json = dialect.jsonParameter();
            try (Statement statement = c.createStatement()) {
                for (String id : List.of("p-1", "p-2")) {
                    statement.executeUpdate("INSERT INTO profiles (id, attributes, created_at, updated_at) VALUES ('"
                            + id + "', '{\"city\":\"Graz\"}', TIMESTAMP WITH TIME ZONE '2025-02-01 10:00:00+00',"
                            + " TIMESTAMP WITH TIME ZONE '2025-02-01 10:00:00+00')");
                    statement.executeUpdate("INSERT INTO profile_identities (namespace, identity_value, profile_id)"
                            + " VALUES ('email', '" + id + "@example.com', '" + id + "')");
                }
                statement.executeUpdate("INSERT INTO consent_records (profile_id, purpose, status, recorded_at, source)"
                        + " VALUES ('p-1', 'email_marketing', 'GRANTED', TIMESTAMP WITH TIME ZONE '2025-02-01 10:00:00+00',"
                        + " 'csv:old.csv:2')");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (id, profile_id, type, occurred_at,"
                    + " properties, source) VALUES ('e-1', 'p-2', 'page_viewed', ?, " + json + ", 'test')")) {
                dialect.setInstant(insert, 1, T0);
                insert.setString(2, "{\"page\":\"/\"}");
                return insert.executeUpdate();
            }
        });
        old.close();

        JdbcStore db = database.open();
        assertThat(history(db)).hasSize(Migrations.BUNDLED.size());
        String origin = db.withConnection("read origin", c -> {
            try (Statement statement = c.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT origin_profile_id FROM events WHERE id = 'e-1'")) {
                rows.next();
                return rows.getString(1);
            }
        });
        assertThat(origin).as("existing events keep their profile as origin").isEqualTo("p-2");
        assertThat(new JdbcConsentStore(db).history("p-1")).as("old consent rows read with the documented defaults")
                .containsExactly(new ConsentRecord("p-1", ConsentRecord.EMAIL_MARKETING, ConsentStatus.GRANTED,
                        Instant.parse("2025-02-01T10:00:00Z"), "csv:old.csv:2"));

        JdbcProfileStore profiles = new JdbcProfileStore(db);
        JdbcEventStore events = new JdbcEventStore(db);
        Profile p1 = new Profile("p-1", Set.of(new Identity("email", "p-1@example.com")), Map.of("city", "Graz"),
                T0, T0);
        assertThat(profiles.find("p-1")).contains(p1);
        assertThat(profiles.count()).isEqualTo(2);
        Event e1 = new Event("e-1", "p-2", "page_viewed", T0, Map.of("page", "/"), "test");
        assertThat(events.eventsOf("p-2", null)).containsExactly(e1);

        // The migrated rows take part in merges like new ones.
        String mergeId = profiles.merge("p-1", "p-2", "test", T0.plusSeconds(60)).id();
        assertThat(profiles.find("p-2").map(Profile::id)).contains("p-1");
        assertThat(events.eventsOf("p-1", null)).extracting(Event::id).containsExactly("e-1");
        profiles.unmerge(mergeId, T0.plusSeconds(120));
        assertThat(events.eventsOf("p-2", null)).containsExactly(e1);
        assertThat(new JdbcOrderStore(db).count()).isZero();
    }

    private static List<String> history(JdbcStore db) {
        return db.withConnection("read history", c -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT version, description, checksum, applied_at FROM tailor_schema_version ORDER BY version");
                 ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getInt(1) + "|" + result.getString(2) + "|" + result.getString(3) + "|"
                            + Jdbc.getInstant(result, "applied_at"));
                }
            }
            return rows;
        });
    }

    private static int newestBundledVersion() {
        String newest = Migrations.BUNDLED.get(Migrations.BUNDLED.size() - 1);
        return Integer.parseInt(newest.substring(1, newest.indexOf("__")));
    }
}
