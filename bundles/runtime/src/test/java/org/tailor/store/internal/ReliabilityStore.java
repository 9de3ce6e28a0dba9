package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.tailor.api.store.OutboxStore;

/**
 * Tailor's real outbox on a schema of the local PostgreSQL, opened outside OSGi by the runtime's
 * reliability test and by the node processes it kills. In the store's package because its
 * constructors are not public API.
 */
public final class ReliabilityStore implements AutoCloseable {

    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String USER = "postgres";

    private final JdbcStore db;
    public final OutboxStore outbox;

    private ReliabilityStore(JdbcStore db) {
        this.db = db;
        this.outbox = new JdbcOutboxStore(db);
    }

    /** Opens (and migrates) the store in the schema, which must exist. */
    public static ReliabilityStore open(String schema) {
        return new ReliabilityStore(new JdbcStore(URL + "?currentSchema=" + schema, USER, "", 4, null));
    }

    public static void createSchema(String schema) throws SQLException {
        admin("CREATE SCHEMA " + schema);
    }

    public static void dropSchema(String schema) throws SQLException {
        admin("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
