package org.tailor.store.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.util.converter.Converters;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One empty database for one test, on H2 (files in the test's folder) or on the local PostgreSQL
 * (a schema of its own, created here and dropped by {@link #close()}), opened the way DS does:
 * configuration from a map, annotation defaults for the rest.
 *
 * <p>PostgreSQL is expected at 127.0.0.1:5432, database {@code test}, user {@code postgres} with
 * trust authentication; {@code -Dtailor.test.postgresql=false} skips the PostgreSQL runs.
 */
final class TestDatabase implements AutoCloseable {

    static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String POSTGRESQL_USER = "postgres";

    private final Dialect dialect;
    private final String url;
    private final String user;
    private final String schema;
    private final List<JdbcStore> opened = new ArrayList<>();

    private TestDatabase(Dialect dialect, String url, String user, String schema) {
        this.dialect = dialect;
        this.url = url;
        this.user = user;
        this.schema = schema;
    }

    static TestDatabase create(Dialect dialect, Path dir) {
        if (dialect == Dialect.H2) {
            return new TestDatabase(dialect, h2Url(dir), "sa", "PUBLIC");
        }
        assumeTrue(!"false".equals(System.getProperty("tailor.test.postgresql")), "PostgreSQL tests are switched off");
        String schema = "tailor_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        admin("CREATE SCHEMA " + schema);
        return new TestDatabase(dialect, POSTGRESQL_URL + "?currentSchema=" + schema, POSTGRESQL_USER, schema);
    }

    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("tailor").toAbsolutePath() + JdbcStore.EMBEDDED_OPTIONS;
    }

    static JdbcStoreConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(JdbcStoreConfig.class);
    }

    Dialect dialect() {
        return dialect;
    }

    String url() {
        return url;
    }

    String user() {
        return user;
    }

    /** The schema the tables are in, as the database's metadata spells it. */
    String schema() {
        return schema;
    }

    /** The instant as this database keeps it. */
    Instant stored(Instant instant) {
        return dialect.storable(instant);
    }

    JdbcStore open() {
        return open(Map.of());
    }

    JdbcStore open(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("jdbc.url", url);
        all.put("jdbc.user", user);
        return remember(new JdbcStore(config(all)));
    }

    JdbcStore open(Migrations migrations) {
        return remember(new JdbcStore(url, user, "", 2, migrations));
    }

    /** Closes every store opened here (closing twice is harmless) and drops the PostgreSQL schema. */
    @Override
    public void close() {
        opened.forEach(JdbcStore::close);
        if (dialect == Dialect.POSTGRESQL) {
            admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    List<String> tables(JdbcStore db) {
        return db.withConnection("list tables", c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet result = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (result.next()) {
                    names.add(result.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        });
    }

    private JdbcStore remember(JdbcStore db) {
        opened.add(db);
        return db;
    }

    private static void admin(String sql) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(POSTGRESQL_URL);
        dataSource.setUser(POSTGRESQL_USER);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRESQL_URL + " (user " + POSTGRESQL_USER
                    + ") is needed for the store tests: " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
