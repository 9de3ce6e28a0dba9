package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;
import org.tailor.api.store.SuppressionStore;

/**
 * Suppressed address hashes in table {@code suppressions}; each add and remove appends an entry of
 * kind {@code suppression} to the audit chain in the same transaction. The note is not audited:
 * an admin may have written something personal in it.
 */
@Component(service = SuppressionStore.class)
public final class JdbcSuppressionStore implements SuppressionStore {

    static final String AUDIT_KIND = "suppression";
    static final int MAX_NOTE = 1024;

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcSuppressionStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public boolean add(Suppression suppression, String actor) {
        Objects.requireNonNull(suppression, "suppression");
        Objects.requireNonNull(actor, "actor");
        return db.inTransaction("add suppression " + suppression.addressHash(), c -> {
            boolean added;
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew(
                    "INSERT INTO suppressions (address_hash, reason, note, added_at) VALUES (?, ?, ?, ?)"))) {
                insert.setString(1, suppression.addressHash());
                insert.setString(2, suppression.reason().name());
                String note = suppression.note();
                insert.setString(3, note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE));
                dialect.setInstant(insert, 4, suppression.addedAt());
                added = Jdbc.insertIfNew(insert);
            }
            if (added) {
                AuditChain.append(c, dialect, List.of(new AuditChain.Draft(suppression.addedAt(), AUDIT_KIND,
                        suppression.addressHash(), "added: " + suppression.reason().name().toLowerCase(Locale.ROOT)
                        + "; actor " + actor)));
            }
            return added;
        });
    }

    @Override
    public Optional<Suppression> find(String addressHash) {
        Objects.requireNonNull(addressHash, "addressHash");
        return db.withConnection("read suppression " + addressHash, c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT address_hash, reason, note, added_at FROM suppressions WHERE address_hash = ?")) {
                statement.setString(1, addressHash);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Suppression> list(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        if (limit <= 0) {
            return List.of();
        }
        return db.withConnection("list suppressions", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT address_hash, reason, note, added_at"
                    + " FROM suppressions WHERE added_at < ? ORDER BY added_at DESC, address_hash FETCH FIRST ? ROWS ONLY")) {
                dialect.setInstant(statement, 1, before);
                statement.setInt(2, limit);
                List<Suppression> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    @Override
    public boolean remove(String addressHash, String actor, String reason) {
        Objects.requireNonNull(addressHash, "addressHash");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        return db.inTransaction("remove suppression " + addressHash, c -> {
            int removed;
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM suppressions WHERE address_hash = ?")) {
                delete.setString(1, addressHash);
                removed = delete.executeUpdate();
            }
            if (removed > 0) {
                AuditChain.append(c, dialect, List.of(new AuditChain.Draft(Instant.now(), AUDIT_KIND, addressHash,
                        "removed; actor " + actor + "; reason " + reason)));
            }
            return removed > 0;
        });
    }

    @Override
    public long count() {
        return db.withConnection("count suppressions", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM suppressions")) {
                return Jdbc.count(statement);
            }
        });
    }

    private static Suppression read(ResultSet rows) throws SQLException {
        return new Suppression(rows.getString("address_hash"), SuppressionReason.valueOf(rows.getString("reason")),
                rows.getString("note"), Jdbc.getInstant(rows, "added_at"));
    }
}
