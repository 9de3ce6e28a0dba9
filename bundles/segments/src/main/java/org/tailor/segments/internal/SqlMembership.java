package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.tailor.api.store.StoreException;

/**
 * Segment membership computed in the PostgreSQL store by the query {@link RuleSql} compiles, for
 * counts and audiences too large to walk profile by profile. Each call runs in one read-only
 * transaction, so it sees one snapshot of the store. The time zones PostgreSQL knows are read on
 * first need and kept. Thread safe.
 *
 * <p>A rule that does not compile (see {@link RuleSql}) is reported as such, and the caller
 * evaluates it in memory.
 */
final class SqlMembership {

    /** Ids fetched per round trip while streaming members. */
    static final int FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final SegmentLookup segments;
    /** Asked of PostgreSQL on first need; a race only asks twice. */
    private volatile ZoneSql.Names zones;

    /**
     * @param dataSource the PostgreSQL store's
     * @param segments the loaded segments' rules, for references; asked on every call
     */
    SqlMembership(DataSource dataSource, SegmentLookup segments) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.segments = Objects.requireNonNull(segments, "segments");
    }

    /** How many live profiles match at {@code now}; empty if the rule does not compile to SQL. */
    OptionalLong count(Rule rule, Instant now) {
        Optional<SqlFragment> query = RuleSql.memberCount(rule, segments, now, this::zones);
        if (query.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(inReadOnlyTransaction("count members", query.get(), result -> {
            result.next();
            return result.getLong(1);
        }));
    }

    /**
     * Gives the id of each live profile that matches at {@code now}, streaming them without
     * holding them all in memory.
     *
     * @return false, having given nothing, if the rule does not compile to SQL
     */
    boolean forEachMember(Rule rule, Instant now, Consumer<String> member) {
        Objects.requireNonNull(member, "member");
        Optional<SqlFragment> query = RuleSql.memberIds(rule, segments, now, this::zones);
        if (query.isEmpty()) {
            return false;
        }
        inReadOnlyTransaction("list members", query.get(), result -> {
            while (result.next()) {
                member.accept(result.getString(1));
            }
            return null;
        });
        return true;
    }

    private ZoneSql.Names zones() {
        ZoneSql.Names known = zones;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = ZoneSql.resolve(connection);
            } catch (SQLException e) {
                throw new StoreException("reading PostgreSQL's time zones failed: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
            }
            zones = known;
        }
        return known;
    }

    private interface Rows<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> T inReadOnlyTransaction(String operation, SqlFragment query, Rows<T> rows) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            boolean readOnly = connection.isReadOnly();
            // PostgreSQL's driver streams with a fetch size only inside a transaction.
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
                try (Statement settings = connection.createStatement()) {
                    // The exact text of a Float needs the shortest round-trip digits of a double (the default).
                    settings.execute("SET LOCAL extra_float_digits = 1");
                    // JIT compiling the query's many expressions took seconds, more than it saves at any profile count.
                    settings.execute("SET LOCAL jit = off");
                }
                bind(connection, statement, query.params());
                statement.setFetchSize(FETCH_SIZE);
                T result;
                try (ResultSet resultSet = statement.executeQuery()) {
                    result = rows.read(resultSet);
                }
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
                connection.setReadOnly(readOnly);
            }
        } catch (SQLException e) {
            throw new StoreException(operation + " in SQL failed: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Sets the statement's parameters from a {@link SqlFragment}'s values. */
    static void bind(Connection connection, PreparedStatement statement, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            int index = i + 1;
            if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof BigDecimal d) {
                statement.setBigDecimal(index, d);
            } else if (value instanceof Integer n) {
                statement.setInt(index, n);
            } else if (value instanceof Long n) {
                statement.setLong(index, n);
            } else if (value instanceof OffsetDateTime t) {
                statement.setObject(index, t);
            } else if (value instanceof String[] texts) {
                statement.setArray(index, connection.createArrayOf("text", texts));
            } else if (value instanceof Integer[] numbers) {
                statement.setArray(index, connection.createArrayOf("int4", numbers));
            } else {
                throw new IllegalArgumentException("no binding for parameter " + index + " of type " + value.getClass().getName());
            }
        }
    }
}
