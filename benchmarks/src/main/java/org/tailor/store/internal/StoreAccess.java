package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.DeadLetterStore;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.PersonalDataStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.SuppressionStore;

/**
 * Opens Tailor's real store outside OSGi for the benchmarks: the same classes, migrations and pool
 * the bundle uses. In the store's package because its constructors are not public API.
 */
public final class StoreAccess implements AutoCloseable {

    private final JdbcStore db;
    public final ProfileStore profiles;
    public final EventStore events;
    public final OrderStore orders;
    public final DeadLetterStore deadLetters;
    public final ConsentStore consent;
    public final SuppressionStore suppressions;
    public final PersonalDataStore people;

    private StoreAccess(JdbcStore db) {
        this.db = db;
        this.profiles = new JdbcProfileStore(db);
        this.events = new JdbcEventStore(db);
        this.orders = new JdbcOrderStore(db);
        this.deadLetters = new JdbcDeadLetterStore(db);
        this.consent = new JdbcConsentStore(db);
        this.suppressions = new JdbcSuppressionStore(db);
        this.people = new JdbcPersonalDataStore(db);
    }

    /** The store at an H2 URL, or in a fresh schema of the PostgreSQL database at a PostgreSQL URL. */
    public static StoreAccess open(String url, String user, String password, String schema, int poolSize) throws SQLException {
        String target = url;
        if (url.startsWith("jdbc:postgresql:")) {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            }
            target = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        return new StoreAccess(new JdbcStore(target, user, password, poolSize, null));
    }

    /** Runs one statement outside the stores: how a benchmark fills tables in bulk when filling is not what it measures. */
    public int execute(String sql) {
        return db.withConnection("benchmark statement", c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate(sql);
            }
        });
    }

    @Override
    public void close() {
        db.close();
    }
}
