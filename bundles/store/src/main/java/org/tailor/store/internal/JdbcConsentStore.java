package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.store.ConsentStore;

/** The consent history in table {@code consent_records}; rows are only ever inserted. */
@Component(service = ConsentStore.class)
public final class JdbcConsentStore implements ConsentStore {

    private static final String INSERT =
            "INSERT INTO consent_records (profile_id, purpose, status, recorded_at, source) VALUES (?, ?, ?, ?, ?)";

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcConsentStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public void append(ConsentRecord record) {
        Objects.requireNonNull(record, "record");
        db.withConnection("append consent of profile " + record.profileId(), c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                bind(insert, record);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public void appendAll(java.util.Collection<ConsentRecord> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            return;
        }
        db.inTransaction("append " + records.size() + " consent entries", c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (ConsentRecord record : records) {
                    bind(insert, record);
                    insert.addBatch();
                }
                return insert.executeBatch().length;
            }
        });
    }

    private void bind(PreparedStatement insert, ConsentRecord record) throws java.sql.SQLException {
        insert.setString(1, record.profileId());
        insert.setString(2, record.purpose());
        insert.setString(3, record.status().name());
        dialect.setInstant(insert, 4, record.recordedAt());
        insert.setString(5, record.source());
    }

    /** Oldest first by recordedAt; entries recorded at the same instant keep the order they were appended in. */
    @Override
    public List<ConsentRecord> history(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read consent history of profile " + profileId, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT profile_id, purpose, status, recorded_at,"
                    + " source FROM consent_records WHERE profile_id = ? ORDER BY recorded_at, seq")) {
                statement.setString(1, profileId);
                List<ConsentRecord> history = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        history.add(new ConsentRecord(rows.getString("profile_id"), rows.getString("purpose"),
                                ConsentStatus.valueOf(rows.getString("status")), Jdbc.getInstant(rows, "recorded_at"),
                                rows.getString("source")));
                    }
                }
                return history;
            }
        });
    }
}
