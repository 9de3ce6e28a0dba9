package org.tailor.store.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * Tailor's real store on the local PostgreSQL, in a schema of its own that {@link #close()}
 * drops, for the segments' SQL tests: the same classes and migrations the store bundle runs,
 * and a plain DataSource on the same schema as the store registers one. In the store's package
 * because its constructors are not API.
 *
 * <p>PostgreSQL is expected at 127.0.0.1:5432, database {@code test}, user {@code postgres} with
 * trust authentication, as for the store's own tests; {@code -Dtailor.test.postgresql=false}
 * skips these tests.
 */
public final class PostgresTestStore implements AutoCloseable {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";

    private final String schema;
    private final JdbcStore db;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    public final ProfileStore profiles;
    public final EventStore events;
    public final org.tailor.api.store.MembershipStore membership;

    private PostgresTestStore(String schema) {
        this.schema = schema;
        String url = URL + "?currentSchema=" + schema;
        this.db = new JdbcStore(url, USER, "", 2, null);
        this.dataSource.setURL(url);
        this.dataSource.setUser(USER);
        this.profiles = new JdbcProfileStore(db);
        this.events = new JdbcEventStore(db);
        this.membership = new JdbcMembershipStore(db);
    }

    /** The read-only query connections the store registers for SQL push-down, as Karaf gets them. */
    public DataSource queryDataSource() {
        return new StoreQueryDataSource(db);
    }

    public static PostgresTestStore open() {
        assumeTrue(!"false".equals(System.getProperty("tailor.test.postgresql")), "PostgreSQL tests are switched off");
        String schema = "tailor_segments_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        admin("CREATE SCHEMA " + schema);
        return new PostgresTestStore(schema);
    }

    /** Connections to the store's schema. */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        db.close();
        admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void admin(String sql) {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(URL);
        admin.setUser(USER);
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " (user " + USER + ") is needed for the SQL segment tests: "
                    + sql + " failed: " + e.getMessage(), e);
        }
    }
}
