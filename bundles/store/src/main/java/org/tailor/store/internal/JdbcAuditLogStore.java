package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.store.AuditLogStore;

/** The audit chain in tables {@code audit_log} and {@code audit_head}; see {@link AuditChain}. */
@Component(service = AuditLogStore.class)
public final class JdbcAuditLogStore implements AuditLogStore {

    /** Rows fetched per round trip while streaming, so that verifying a long chain needs little memory. */
    private static final int FETCH_SIZE = 1000;

    private final JdbcStore db;

    @Activate
    public JdbcAuditLogStore(@Reference JdbcStore db) {
        this.db = db;
    }

    @Override
    public AuditEntry append(String kind, String subject, String detail, Instant at) {
        AuditChain.Draft draft = new AuditChain.Draft(Objects.requireNonNull(at, "at"), Objects.requireNonNull(kind, "kind"),
                Objects.requireNonNull(subject, "subject"), Objects.requireNonNull(detail, "detail"));
        return db.inTransaction("append to the audit chain",
                c -> AuditChain.append(c, db.dialect(), List.of(draft)).get(0));
    }

    @Override
    public long forEach(long fromSeq, Consumer<AuditEntry> visitor) {
        // A transaction, because PostgreSQL streams with a cursor only outside auto-commit.
        return db.inTransaction("read the audit chain", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT seq, logged_at, kind, subject, detail,"
                    + " prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq")) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setLong(1, fromSeq);
                long visited = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        visitor.accept(entry(rows));
                        visited++;
                    }
                }
                return visited;
            }
        });
    }

    @Override
    public List<AuditEntry> read(long fromSeq, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.withConnection("read the audit chain", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT seq, logged_at, kind, subject, detail,"
                    + " prev_hash, hash FROM audit_log WHERE seq >= ? ORDER BY seq FETCH FIRST ? ROWS ONLY")) {
                statement.setLong(1, fromSeq);
                statement.setInt(2, limit);
                List<AuditEntry> entries = new java.util.ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(entry(rows));
                    }
                }
                return entries;
            }
        });
    }

    private static AuditEntry entry(ResultSet rows) throws java.sql.SQLException {
        return new AuditEntry(rows.getLong(1), Jdbc.getInstant(rows, "logged_at"), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7));
    }

    @Override
    public Head head() {
        return db.withConnection("read the audit chain's head", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? new Head(row.getLong(1), row.getString(2)) : new Head(-1, "");
            }
        });
    }
}
