package org.tailor.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The two real local databases the tests run against, and what differs between their SQL. */
enum TestDatabase {

    POSTGRESQL("timestamp(6)", "SELECT pg_backend_pid()") {
        @Override
        DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            return dataSource;
        }

        @Override
        String killStatement(long backendId) {
            return "SELECT pg_terminate_backend(" + backendId + ")";
        }
    },
    MARIADB("datetime(6)", "SELECT CONNECTION_ID()") {
        @Override
        DataSource dataSource() {
            try {
                return new MariaDbDataSource("jdbc:mariadb://127.0.0.1:3306/test?user=root");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        String killStatement(long backendId) {
            return "KILL " + backendId;
        }
    };

    /** The column type of a timestamp without time zone with microseconds. */
    final String timestamp;
    private final String backendIdQuery;

    TestDatabase(String timestamp, String backendIdQuery) {
        this.timestamp = timestamp;
        this.backendIdQuery = backendIdQuery;
    }

    abstract DataSource dataSource();

    abstract String killStatement(long backendId);

    long backendId(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(backendIdQuery)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A table name no other test or build uses. */
    static String uniqueName(String prefix) {
        return prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
