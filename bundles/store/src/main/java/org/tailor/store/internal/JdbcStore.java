package org.tailor.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.store.StoreException;

/**
 * The database shared by the stores: a connection pool over an up-to-date schema, on embedded H2
 * or PostgreSQL as the configured URL says, with the {@link Dialect} that the stores ask for the
 * few pieces of SQL that differ.
 *
 * <p>It is a service of its own, private to this bundle, because one object cannot be both
 * stores that declare {@code count()}. Immediate, so that a database that cannot be opened or
 * migrated is reported when the bundle starts rather than on first use.
 */
@Component(service = JdbcStore.class, immediate = true, configurationPid = JdbcStore.PID)
@Designate(ocd = JdbcStoreConfig.class)
public final class JdbcStore {

    static final String PID = "org.tailor.store";

    /**
     * Options for the default embedded database. AUTO_SERVER stays off (H2's default) and the
     * default file lock stays on, so a second JVM cannot open the files behind Karaf's back.
     * DB_CLOSE_ON_EXIT=FALSE leaves closing to {@link #close()}, which runs when Karaf stops the
     * bundle; otherwise H2's shutdown hook can close the database under components still
     * stopping. LOCK_TIMEOUT gives concurrent writers (ingest, outbox relay) 10 s instead of 1 s
     * before a row lock conflict fails a call.
     */
    static final String EMBEDDED_OPTIONS = ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    private final Dialect dialect;
    private final HikariDataSource pool;

    @Activate
    public JdbcStore(JdbcStoreConfig config) {
        this(resolveUrl(config.jdbc_url(), System.getProperty("karaf.data")), config.jdbc_user(),
                config.jdbc_password(), config.pool_size(), null);
    }

    /**
     * @param migrations the scripts to apply, or null for the ones bundled for the URL's dialect
     */
    JdbcStore(String url, String user, String password, int poolSize, Migrations migrations) {
        this.dialect = Dialect.of(url);
        String shown = Dialect.withoutParameters(url);
        HikariConfig config = new HikariConfig();
        // The pool over the driver's own DataSource, never DriverManager: the driver manager
        // cannot see drivers in other bundles' class loaders.
        config.setDataSource(dialect.dataSource(url, user == null ? "" : user, password == null ? "" : password));
        config.setPoolName("tailor-store");
        config.setMaximumPoolSize(Math.max(1, poolSize));
        config.setMinimumIdle(1);
        HikariDataSource connections;
        try {
            connections = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open the Tailor store at " + shown + ": " + e.getMessage(), e);
        }
        try (Connection connection = connections.getConnection()) {
            int version = (migrations == null ? Migrations.bundled(dialect) : migrations).migrate(connection, dialect);
            LOG.info("Tailor store open at {} ({}) with schema version {}", shown, dialect, version);
        } catch (SQLException | RuntimeException e) {
            connections.close();
            if (e instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("cannot open the Tailor store at " + shown + ": " + e.getMessage(), e);
        }
        this.pool = connections;
    }

    /** The configured URL, or the embedded database under Karaf's data folder. */
    static String resolveUrl(String configured, String karafData) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String data = karafData == null || karafData.isBlank() ? "data" : karafData;
        // H2 refuses paths that are implicitly relative to the working directory.
        Path file = Path.of(data, "tailor", "tailor").toAbsolutePath().normalize();
        return "jdbc:h2:file:" + file + EMBEDDED_OPTIONS;
    }

    @Deactivate
    void close() {
        pool.close();
    }

    /** The pool, for the read-only query service; the stores use {@link #inTransaction} and {@link #withConnection}. */
    javax.sql.DataSource pool() {
        return pool;
    }

    /** What the stores ask for SQL and conversions that differ between databases. */
    Dialect dialect() {
        return dialect;
    }

    /**
     * Runs the work in one transaction, committed if it returns and rolled back if it throws.
     *
     * @param operation what is being done, for the message of the StoreException
     */
    <T> T inTransaction(String operation, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /** Runs the work with a connection in auto-commit mode: one statement, one transaction. */
    <T> T withConnection(String operation, SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreException failure(String operation, SQLException e) {
        return new StoreException(operation + " failed: " + e.getMessage() + " [SQLState " + e.getSQLState() + "]", e);
    }
}
