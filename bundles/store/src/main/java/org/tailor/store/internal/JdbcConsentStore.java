package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.LawfulBasis;
import org.tailor.api.store.ConsentStore;

/**
 * The consent history in table {@code consent_records}; rows are only ever inserted, each with an
 * entry of kind {@code consent} in the audit chain, in the same transaction.
 */
@Component(service = ConsentStore.class)
public final class JdbcConsentStore implements ConsentStore {

    static final String AUDIT_KIND = "consent";

    private static final String INSERT = "INSERT INTO consent_records (profile_id, purpose, status, recorded_at, source,"
            + " lawful_basis, channel, text_version, text_hash, actor, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

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
        appendAll(List.of(record));
    }

    @Override
    public void appendAll(Collection<ConsentRecord> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            return;
        }
        String operation = records.size() == 1
                ? "append consent of profile " + records.iterator().next().profileId()
                : "append " + records.size() + " consent entries";
        db.inTransaction(operation, c -> insert(c, records));
    }

    private int insert(Connection connection, Collection<ConsentRecord> records) throws SQLException {
        List<AuditChain.Draft> audit = new ArrayList<>(records.size());
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (ConsentRecord record : records) {
                bind(insert, record);
                insert.addBatch();
                audit.add(new AuditChain.Draft(Instant.now(), AUDIT_KIND, record.profileId(), auditDetail(record)));
            }
            insert.executeBatch();
        }
        AuditChain.append(connection, dialect, audit);
        return records.size();
    }

    private void bind(PreparedStatement insert, ConsentRecord record) throws SQLException {
        insert.setString(1, record.profileId());
        insert.setString(2, record.purpose());
        insert.setString(3, record.status().name());
        dialect.setInstant(insert, 4, record.recordedAt());
        insert.setString(5, record.source());
        insert.setString(6, record.lawfulBasis().name());
        insert.setString(7, record.channel());
        insert.setString(8, record.textVersion());
        insert.setString(9, record.textHash());
        insert.setString(10, record.actor());
        if (record.expiresAt().isPresent()) {
            dialect.setInstant(insert, 11, record.expiresAt().get());
        } else {
            insert.setNull(11, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    /**
     * The entry's proof in words, without its free-text source (which may name a person), plus the
     * SHA-256 of every field as stored: a row can be matched to its audit entry, and an edited row
     * no longer matches.
     */
    String auditDetail(ConsentRecord record) {
        ConsentRecord stored = storedForm(record);
        return record.purpose() + " " + record.status().name().toLowerCase(Locale.ROOT)
                + " at " + stored.recordedAt()
                + "; basis " + record.lawfulBasis().name().toLowerCase(Locale.ROOT)
                + "; channel " + record.channel()
                + "; text " + (record.textVersion().isEmpty() ? "-" : record.textVersion())
                + (record.textHash().isEmpty() ? "" : " sha256:" + record.textHash())
                + "; actor " + record.actor()
                + "; expires " + stored.expiresAt().map(Instant::toString).orElse("never")
                + "; entry sha256:" + fingerprint(stored);
    }

    /** The SHA-256 of every field of an entry as the store keeps it. */
    static String fingerprint(ConsentRecord stored) {
        return ConsentRecord.textHash(String.join("\u001f", stored.profileId(), stored.purpose(), stored.status().name(),
                stored.recordedAt().toString(), stored.source(), stored.lawfulBasis().name(), stored.channel(),
                stored.textVersion(), stored.textHash(), stored.actor(),
                stored.expiresAt().map(Instant::toString).orElse("")));
    }

    private ConsentRecord storedForm(ConsentRecord record) {
        return new ConsentRecord(record.profileId(), record.purpose(), record.status(),
                dialect.storable(record.recordedAt()), record.source(), record.lawfulBasis(), record.channel(),
                record.textVersion(), record.textHash(), record.actor(), record.expiresAt().map(dialect::storable));
    }

    /** Oldest first by recordedAt; entries recorded at the same instant keep the order they were appended in. */
    @Override
    public List<ConsentRecord> history(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read consent history of profile " + profileId, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT profile_id, purpose, status, recorded_at,"
                    + " source, lawful_basis, channel, text_version, text_hash, actor, expires_at"
                    + " FROM consent_records WHERE profile_id = ? ORDER BY recorded_at, seq")) {
                statement.setString(1, profileId);
                List<ConsentRecord> history = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        history.add(read(rows));
                    }
                }
                return history;
            }
        });
    }

    /** Oldest first by recordedAt, then in the order appended. */
    @Override
    public List<ConsentRecord> historyOf(Collection<String> profileIds) {
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(profileIds));
        if (ids.size() <= 1) {
            return ids.isEmpty() ? List.of() : history(ids.get(0));
        }
        return db.withConnection("read consent history of profiles " + ids, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT profile_id, purpose, status, recorded_at,"
                    + " source, lawful_basis, channel, text_version, text_hash, actor, expires_at"
                    + " FROM consent_records WHERE profile_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ") ORDER BY recorded_at, seq")) {
                for (int i = 0; i < ids.size(); i++) {
                    statement.setString(i + 1, ids.get(i));
                }
                List<ConsentRecord> history = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        history.add(read(rows));
                    }
                }
                return history;
            }
        });
    }

    private static ConsentRecord read(ResultSet rows) throws SQLException {
        Optional<Instant> expiresAt = Jdbc.getOptionalInstant(rows, "expires_at");
        return new ConsentRecord(rows.getString("profile_id"), rows.getString("purpose"),
                ConsentStatus.valueOf(rows.getString("status")), Jdbc.getInstant(rows, "recorded_at"),
                rows.getString("source"), LawfulBasis.valueOf(rows.getString("lawful_basis")), rows.getString("channel"),
                rows.getString("text_version"), rows.getString("text_hash"), rows.getString("actor"), expiresAt);
    }
}
