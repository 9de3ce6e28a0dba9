package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions that every store needs, kept in one place so all columns agree. */
final class Jdbc {

    /** The SQLState of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";

    private Jdbc() {
    }

    /** OffsetDateTime rather than Instant: JDBC 4.2 drivers (PostgreSQL too) all accept it. */
    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** Drivers wrap the violation differently in batches, so the whole chain is searched. */
    static boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && DUPLICATE_KEY.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Runs the insert; false if the key was already there, which for idempotent writes is not an error. */
    static boolean insertIfNew(PreparedStatement insert) throws SQLException {
        try {
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }
}
