package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Conversions that every store needs, kept in one place so all columns agree; writing is {@link Dialect}'s. */
final class Jdbc {

    /** The SQLState of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String DUPLICATE_KEY = "23505";

    private Jdbc() {
    }

    static Instant getInstant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> getOptionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
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

    /**
     * Runs an insert prepared from {@link Dialect#insertIfNew}; false if the key was already there,
     * which for idempotent writes is not an error. PostgreSQL answers a duplicate with 0 rows, H2
     * with a duplicate-key error that leaves its transaction usable.
     */
    static boolean insertIfNew(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate() > 0;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Runs the statement once per item, each bound by the binder, as {@link #insertIfNew} does:
     * in one JDBC batch where the dialect allows it.
     *
     * @return how many rows were inserted
     */
    static <T> int insertAllIfNew(PreparedStatement insert, Dialect dialect, Iterable<T> items, Binder<T> binder)
            throws SQLException {
        return insertedOf(insert, dialect, items, binder).size();
    }

    /** As {@link #insertAllIfNew}, returning the items that were inserted, in order. */
    static <T> List<T> insertedOf(PreparedStatement insert, Dialect dialect, Iterable<T> items, Binder<T> binder)
            throws SQLException {
        List<T> inserted = new ArrayList<>();
        List<T> batched = new ArrayList<>();
        for (T item : items) {
            binder.bind(insert, item);
            if (dialect.batchesInsertIfNew()) {
                insert.addBatch();
                batched.add(item);
            } else if (insertIfNew(insert)) {
                inserted.add(item);
            }
        }
        if (dialect.batchesInsertIfNew()) {
            int[] counts = insert.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    inserted.add(batched.get(i));
                }
            }
        }
        return inserted;
    }

    /** Sets one item's parameters on a statement. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    /** The single number a COUNT query answers. */
    static long count(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
