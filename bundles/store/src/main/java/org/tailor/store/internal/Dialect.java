package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.tailor.api.store.StoreException;

/**
 * What differs between the databases the store runs on; every store class is shared and asks
 * this type for the few pieces of SQL and the conversions that are not the same everywhere.
 */
enum Dialect {

    /** Embedded H2 2.x: nanosecond timestamps, documents in CLOB columns. */
    H2("h2", "TIMESTAMP(9) WITH TIME ZONE", "?", ChronoUnit.NANOS, false) {
        @Override
        DataSource dataSource(String url, String user, String password) {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(url);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        /** H2 reports the duplicate as an error without spoiling the transaction: see {@link Jdbc#insertIfNew}. */
        @Override
        String insertIfNew(String insert) {
            return insert;
        }

        @Override
        String upsert(String table, String keyColumns, String columns, String values) {
            return "MERGE INTO " + table + " (" + columns + ") KEY (" + keyColumns + ") VALUES (" + values + ")";
        }

        /** H2 has no shared row lock; an exclusive one is correct, only less concurrent. */
        @Override
        String forShare() {
            return " FOR UPDATE";
        }

        /** H2's file lock already keeps a second JVM out of the database. */
        @Override
        void lockMigrations(Connection connection) {
        }

        @Override
        void unlockMigrations(Connection connection) {
        }
    },

    /** PostgreSQL 15+: microsecond timestamps, documents as JSON. */
    POSTGRESQL("postgresql", "TIMESTAMPTZ", "CAST(? AS JSON)", ChronoUnit.MICROS, true) {
        @Override
        DataSource dataSource(String url, String user, String password) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url);
            if (!user.isBlank()) {
                dataSource.setUser(user);
            }
            if (!password.isEmpty()) {
                dataSource.setPassword(password);
            }
            return dataSource;
        }

        /** A failed statement aborts a PostgreSQL transaction, so a duplicate must not be an error. */
        @Override
        String insertIfNew(String insert) {
            return insert + " ON CONFLICT DO NOTHING";
        }

        @Override
        String upsert(String table, String keyColumns, String columns, String values) {
            List<String> keys = names(keyColumns);
            String updates = names(columns).stream().filter(c -> !keys.contains(c))
                    .map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
            return "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") ON CONFLICT ("
                    + keyColumns + ") DO UPDATE SET " + updates;
        }

        @Override
        String forShare() {
            return " FOR SHARE";
        }

        /** Two nodes starting at once against one database must not both run a migration. */
        @Override
        void lockMigrations(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
        }

        @Override
        void unlockMigrations(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        }
    };

    /** An arbitrary constant ("TAILOR" in ASCII) naming the advisory lock around migrations. */
    private static final long MIGRATION_LOCK = 0x5441494C4F52L;

    private final String name;
    private final String timestampType;
    private final String jsonParameter;
    private final ChronoUnit timePrecision;
    private final boolean batchesInsertIfNew;

    Dialect(String name, String timestampType, String jsonParameter, ChronoUnit timePrecision,
            boolean batchesInsertIfNew) {
        this.name = name;
        this.timestampType = timestampType;
        this.jsonParameter = jsonParameter;
        this.timePrecision = timePrecision;
        this.batchesInsertIfNew = batchesInsertIfNew;
    }

    /**
     * The dialect of a JDBC URL.
     *
     * @throws StoreException for a database the store has no migrations for
     */
    static Dialect of(String url) {
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:")) {
            return H2;
        } else if (lower.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new StoreException("unsupported JDBC URL '" + withoutParameters(url)
                + "': the Tailor store runs on H2 (jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...)");
    }

    /** The URL without its parameters, which may hold a password: the form that logs and messages show. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    /** The driver's own DataSource: the driver manager cannot see drivers in other bundles. */
    abstract DataSource dataSource(String url, String user, String password);

    /** The insert, changed so that a duplicate key inserts nothing (0 rows) or fails harmlessly. */
    abstract String insertIfNew(String insert);

    /** An insert-or-update of one row; {@code values} holds one placeholder expression per column. */
    abstract String upsert(String table, String keyColumns, String columns, String values);

    /** The lock clause that keeps a row from being changed until the transaction ends. */
    abstract String forShare();

    abstract void lockMigrations(Connection connection) throws SQLException;

    abstract void unlockMigrations(Connection connection) throws SQLException;

    /** Where this dialect's migration scripts live in the bundle. */
    String migrationFolder() {
        return "db/migration/" + name + "/";
    }

    /**
     * Whether {@link #insertIfNew} statements can be sent as one JDBC batch, each answering 0 or 1
     * row. Not on H2, where a duplicate is an error that would end the batch; an embedded database
     * has no round trips to save, so H2 runs them one by one in the same transaction.
     */
    boolean batchesInsertIfNew() {
        return batchesInsertIfNew;
    }

    /** The column type of the migration history's timestamp. */
    String timestampType() {
        return timestampType;
    }

    /** The placeholder for a JSON document given as text. */
    String jsonParameter() {
        return jsonParameter;
    }

    /**
     * The instant as the database will keep it. PostgreSQL would round nanoseconds to the nearest
     * microsecond, which can move an instant forward; truncating keeps it at or before the original.
     */
    Instant storable(Instant instant) {
        return instant.truncatedTo(timePrecision);
    }

    /** OffsetDateTime rather than Instant: JDBC 4.2 drivers (PostgreSQL too) all accept it. */
    void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, OffsetDateTime.ofInstant(storable(instant), ZoneOffset.UTC));
    }

    private static List<String> names(String columns) {
        return Arrays.stream(columns.split(",")).map(String::strip).toList();
    }
}
