package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.store.StoreException;

/**
 * Appends to the audit chain inside the caller's transaction: the stores whose changes must be
 * audited call it with the connection of the change, so that the change and its entry commit or
 * roll back together.
 *
 * <p>The single row of {@code audit_head} is locked first: it is what makes concurrent appenders,
 * on one node or many, take turns and form one gap-free chain.
 */
final class AuditChain {

    /** What to append; the chain adds seq and hashes. */
    record Draft(Instant at, String kind, String subject, String detail) {
    }

    /** The longest detail the column holds; longer ones are cut, with the cut marked. */
    static final int MAX_DETAIL = 4000;

    private AuditChain() {
    }

    /** Appends the drafts in order; the connection must not be in auto-commit mode. */
    static List<AuditEntry> append(Connection connection, Dialect dialect, List<Draft> drafts) throws SQLException {
        if (drafts.isEmpty()) {
            return List.of();
        }
        long seq;
        String hash;
        try (PreparedStatement head = connection.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet row = head.executeQuery()) {
            if (!row.next()) {
                throw new StoreException("the audit chain's head row is missing: the audit log was tampered with");
            }
            seq = row.getLong(1);
            hash = row.getString(2);
        }
        List<AuditEntry> entries = new ArrayList<>(drafts.size());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_log"
                + " (seq, logged_at, kind, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Draft draft : drafts) {
                Instant at = dialect.storable(draft.at());
                String detail = fit(draft.detail());
                seq++;
                AuditEntry entry = new AuditEntry(seq, at, draft.kind(), draft.subject(), detail, hash,
                        AuditEntry.hashOf(hash, seq, at, draft.kind(), draft.subject(), detail));
                hash = entry.hash();
                insert.setLong(1, entry.seq());
                dialect.setInstant(insert, 2, at);
                insert.setString(3, entry.kind());
                insert.setString(4, entry.subject());
                insert.setString(5, entry.detail());
                insert.setString(6, entry.prevHash());
                insert.setString(7, entry.hash());
                insert.addBatch();
                entries.add(entry);
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            update.setLong(1, seq);
            update.setString(2, hash);
            update.executeUpdate();
        }
        return entries;
    }

    private static String fit(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
