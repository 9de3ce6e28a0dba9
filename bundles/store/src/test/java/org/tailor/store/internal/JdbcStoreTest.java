package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.store.StoreException;

class JdbcStoreTest {

    @TempDir
    Path dir;

    @Test
    void defaultUrlIsAnEmbeddedFileUnderKarafData() {
        assertThat(JdbcStore.resolveUrl("", "/opt/karaf/data"))
                .isEqualTo("jdbc:h2:file:/opt/karaf/data/tailor/tailor" + JdbcStore.EMBEDDED_OPTIONS);
        assertThat(JdbcStore.resolveUrl(" ", null))
                .isEqualTo("jdbc:h2:file:" + Path.of("data/tailor/tailor").toAbsolutePath()
                        + JdbcStore.EMBEDDED_OPTIONS);
        assertThat(JdbcStore.resolveUrl(" jdbc:h2:mem:x ", "/ignored")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void configurationDefaults() {
        JdbcStoreConfig config = TestDatabase.config(Map.of());
        assertThat(config.jdbc_url()).isEmpty();
        assertThat(config.jdbc_user()).isEqualTo("sa");
        assertThat(config.jdbc_password()).isEmpty();
        assertThat(config.pool_size()).isEqualTo(4);
    }

    @Test
    void migrationsApplyOnceAndAreRecorded() {
        JdbcStore db = TestDatabase.open(dir);
        List<String> first;
        try {
            first = history(db);
        } finally {
            db.close();
        }
        assertThat(first).hasSize(2);
        assertThat(first.get(0)).startsWith("1|profiles events|");
        assertThat(first.get(1)).startsWith("2|consent outbox|");

        JdbcStore again = TestDatabase.open(dir);
        try {
            assertThat(history(again)).as("re-activation applies nothing").isEqualTo(first);
            assertThat(tables(again)).contains("PROFILES", "PROFILE_IDENTITIES", "EVENTS", "CONSENT_RECORDS",
                    "OUTBOX", "TAILOR_SCHEMA_VERSION");
        } finally {
            again.close();
        }
    }

    @Test
    void aChangedChecksumIsRefused() {
        JdbcStore db = TestDatabase.open(dir);
        db.withConnection("tamper", c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate("UPDATE tailor_schema_version SET checksum = 'abc' WHERE version = 1");
            }
        });
        db.close();

        assertThatThrownBy(() -> TestDatabase.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("db/migration/V1__profiles_events.sql")
                .hasMessageContaining("has changed since it was applied")
                .hasMessageContaining("recorded checksum abc");
    }

    @Test
    void anEditedScriptIsRefused() {
        String url = TestDatabase.url(dir);
        ClassLoader loader = getClass().getClassLoader();
        new JdbcStore(url, "sa", "", 2,
                new Migrations(loader, List.of("db/test-migration/original/V1__first.sql"))).close();

        assertThatThrownBy(() -> new JdbcStore(url, "sa", "", 2,
                new Migrations(loader, List.of("db/test-migration/edited/V1__first.sql"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("db/test-migration/edited/V1__first.sql (version 1) has changed");
    }

    @Test
    void aDatabaseFromANewerBundleIsRefused() {
        JdbcStore db = TestDatabase.open(dir);
        db.close();

        assertThatThrownBy(() -> new JdbcStore(TestDatabase.url(dir), "sa", "", 2,
                new Migrations(getClass().getClassLoader(), List.of(Migrations.BUNDLED.get(0)))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema is at version 2 but this Tailor store bundle only knows versions up to 1");
    }

    @Test
    void aFailingScriptNamesItselfAndIsNotRecorded() {
        String url = TestDatabase.url(dir);
        assertThatThrownBy(() -> new JdbcStore(url, "sa", "", 2, new Migrations(getClass().getClassLoader(),
                List.of("db/test-migration/original/V1__first.sql", "db/test-migration/broken/V2__broken.sql"))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("db/test-migration/broken/V2__broken.sql failed at statement 2");

        JdbcStore db = new JdbcStore(url, "sa", "", 2,
                new Migrations(getClass().getClassLoader(), List.of("db/test-migration/original/V1__first.sql")));
        try {
            assertThat(history(db)).hasSize(1);
        } finally {
            db.close();
        }
    }

    @Test
    void scriptsSplitAtSemicolonsEndingALine() {
        assertThat(Migrations.statements("-- a comment; not a statement\nCREATE TABLE a (\n  x INT\n);\n\n"
                + "CREATE INDEX i ON a (x);\nINSERT INTO a VALUES (1)"))
                .containsExactly("CREATE TABLE a (\nx INT\n)", "CREATE INDEX i ON a (x)", "INSERT INTO a VALUES (1)");
    }

    @Test
    void sqlFailuresNameTheOperation() {
        JdbcStore db = TestDatabase.open(dir);
        try {
            assertThatThrownBy(() -> db.withConnection("do something odd", c -> {
                try (Statement statement = c.createStatement()) {
                    return statement.executeQuery("SELECT * FROM no_such_table");
                }
            })).isInstanceOf(StoreException.class).hasMessageStartingWith("do something odd failed: ");
        } finally {
            db.close();
        }
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

    private static List<String> tables(JdbcStore db) {
        return db.withConnection("list tables", c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet result = c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (result.next()) {
                    names.add(result.getString("TABLE_NAME"));
                }
            }
            return names;
        });
    }
}
