package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.postgresql.ds.PGSimpleDataSource;
import org.tailor.api.store.AuditLogStore;
import org.tailor.api.store.ConsentStore;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.PersonalDataStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.SubjectRequestStore;
import org.tailor.api.store.SuppressionStore;
import org.tailor.api.store.UsedTokenStore;

/**
 * Tailor's real store for the consent tests, opened outside OSGi: the same classes, migrations and
 * SQL the bundle runs on. In the store's package because its constructors are not public API.
 */
public final class TestStores implements AutoCloseable {

    private static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final JdbcStore db;
    private final String dropSchema;
    public final ProfileStore profiles;
    public final EventStore events;
    public final OrderStore orders;
    public final OutboxStore outbox;
    public final ConsentStore consent;
    public final SuppressionStore suppressions;
    public final AuditLogStore audit;
    public final UsedTokenStore tokens;
    public final SubjectRequestStore requests;
    public final PersonalDataStore people;

    private TestStores(JdbcStore db, String dropSchema) {
        this.db = db;
        this.dropSchema = dropSchema;
        this.profiles = new JdbcProfileStore(db);
        this.events = new JdbcEventStore(db);
        this.orders = new JdbcOrderStore(db);
        this.outbox = new JdbcOutboxStore(db);
        this.consent = new JdbcConsentStore(db);
        this.suppressions = new JdbcSuppressionStore(db);
        this.audit = new JdbcAuditLogStore(db);
        this.tokens = new JdbcUsedTokenStore(db);
        this.requests = new JdbcSubjectRequestStore(db);
        this.people = new JdbcPersonalDataStore(db);
    }

    /** A fresh in-memory H2 database. */
    public static TestStores h2() {
        String name = "consent_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        return new TestStores(new JdbcStore("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", 4, null), null);
    }

    /** A fresh schema in the local PostgreSQL (127.0.0.1:5432, database test, user postgres), dropped on close. */
    public static TestStores postgresql() {
        String schema = "tailor_consent_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        admin("CREATE SCHEMA " + schema);
        return new TestStores(new JdbcStore(POSTGRESQL_URL + "?currentSchema=" + schema, "postgres", "", 4, null),
                schema);
    }

    /** Runs SQL directly, as someone tampering with the database would. */
    public int execute(String sql) {
        return db.withConnection("test statement", c -> {
            try (Statement statement = c.createStatement()) {
                return statement.executeUpdate(sql);
            }
        });
    }

    @Override
    public void close() {
        db.close();
        if (dropSchema != null) {
            admin("DROP SCHEMA IF EXISTS " + dropSchema + " CASCADE");
        }
    }

    private static void admin(String sql) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(POSTGRESQL_URL);
        dataSource.setUser("postgres");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + POSTGRESQL_URL + " is needed: " + e.getMessage(), e);
        }
    }
}
