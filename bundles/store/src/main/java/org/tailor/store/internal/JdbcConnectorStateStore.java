package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.store.ConnectorStateStore;

/** Connector state in table {@code connector_state}, keyed by connector and key. */
@Component(service = ConnectorStateStore.class)
public final class JdbcConnectorStateStore implements ConnectorStateStore {

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcConnectorStateStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public Optional<String> get(String connector, String key) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(key, "key");
        return db.withConnection("read state " + key + " of connector " + connector, c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT state_value FROM connector_state WHERE connector = ? AND state_key = ?")) {
                statement.setString(1, connector);
                statement.setString(2, key);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** One upsert statement, so that two concurrent first puts cannot collide. */
    @Override
    public void put(String connector, String key, String value) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        db.withConnection("write state " + key + " of connector " + connector, c -> {
            try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("connector_state",
                    "connector, state_key", "connector, state_key, state_value, updated_at", "?, ?, ?, ?"))) {
                upsert.setString(1, connector);
                upsert.setString(2, key);
                upsert.setString(3, value);
                dialect.setInstant(upsert, 4, Instant.now());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public void remove(String connector, String key) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(key, "key");
        db.withConnection("remove state " + key + " of connector " + connector, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM connector_state WHERE connector = ? AND state_key = ?")) {
                delete.setString(1, connector);
                delete.setString(2, key);
                return delete.executeUpdate();
            }
        });
    }
}
