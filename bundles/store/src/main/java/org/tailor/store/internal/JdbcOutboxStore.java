package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.store.OutboxStore;

/** The outbox in table {@code outbox}, keyed by idempotency key. */
@Component(service = OutboxStore.class)
public final class JdbcOutboxStore implements OutboxStore {

    /** The width of the detail column; longer failure reasons are cut. */
    static final int MAX_DETAIL = 4000;

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcOutboxStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public boolean enqueue(OutboxEntry entry) {
        Objects.requireNonNull(entry, "entry");
        return db.withConnection("enqueue outbox entry " + entry.idempotencyKey(), c -> {
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew("INSERT INTO outbox"
                    + " (idempotency_key, campaign_id, profile_id, recipient, mime, status, created_at, updated_at,"
                    + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
                insert.setString(1, entry.idempotencyKey());
                insert.setString(2, entry.campaignId());
                insert.setString(3, entry.profileId());
                insert.setString(4, entry.recipient());
                insert.setBytes(5, entry.mime());
                insert.setString(6, entry.status().name());
                dialect.setInstant(insert, 7, entry.createdAt());
                dialect.setInstant(insert, 8, entry.createdAt());
                insert.setString(9, truncate(entry.detail()));
                return Jdbc.insertIfNew(insert);
            }
        });
    }

    /** Oldest first by createdAt, ties by key, so that a relay resumes in a stable order. */
    @Override
    public List<OutboxEntry> pending(String campaignId, int limit) {
        Objects.requireNonNull(campaignId, "campaignId");
        if (limit <= 0) {
            return List.of();
        }
        return db.withConnection("read pending outbox entries of campaign " + campaignId, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT idempotency_key, campaign_id, profile_id,"
                    + " recipient, mime, status, created_at, detail FROM outbox"
                    + " WHERE campaign_id = ? AND status = ? ORDER BY created_at, idempotency_key"
                    + " FETCH FIRST ? ROWS ONLY")) {
                statement.setString(1, campaignId);
                statement.setString(2, OutboxStatus.PENDING.name());
                statement.setInt(3, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new OutboxEntry(rows.getString("idempotency_key"), rows.getString("campaign_id"),
                                rows.getString("profile_id"), rows.getString("recipient"), rows.getBytes("mime"),
                                OutboxStatus.valueOf(rows.getString("status")), Jdbc.getInstant(rows, "created_at"),
                                rows.getString("detail")));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void markSent(String idempotencyKey) {
        moveFromPending(idempotencyKey, OutboxStatus.SENT, "");
    }

    @Override
    public void markFailed(String idempotencyKey, String reason) {
        moveFromPending(idempotencyKey, OutboxStatus.FAILED, reason == null ? "" : reason);
    }

    @Override
    public Map<OutboxStatus, Long> counts(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        return db.withConnection("count outbox entries of campaign " + campaignId, c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT status, COUNT(*) FROM outbox WHERE campaign_id = ? GROUP BY status")) {
                statement.setString(1, campaignId);
                Map<OutboxStatus, Long> counts = new EnumMap<>(OutboxStatus.class);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(OutboxStatus.valueOf(rows.getString(1)), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /** The status condition in the UPDATE itself makes the move atomic: a second mark is a no-op. */
    private void moveFromPending(String idempotencyKey, OutboxStatus status, String detail) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        db.withConnection("mark outbox entry " + idempotencyKey + " " + status, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET status = ?, detail = ?,"
                    + " updated_at = ? WHERE idempotency_key = ? AND status = ?")) {
                update.setString(1, status.name());
                update.setString(2, truncate(detail));
                dialect.setInstant(update, 3, Instant.now());
                update.setString(4, idempotencyKey);
                update.setString(5, OutboxStatus.PENDING.name());
                return update.executeUpdate();
            }
        });
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
