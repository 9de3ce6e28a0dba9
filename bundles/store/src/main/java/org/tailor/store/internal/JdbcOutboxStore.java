package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
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

    private static final String COLUMNS =
            "idempotency_key, campaign_id, profile_id, recipient, mime, status, created_at, detail, not_before";

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
                    + " detail, not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
                insert.setString(1, entry.idempotencyKey());
                insert.setString(2, entry.campaignId());
                insert.setString(3, entry.profileId());
                insert.setString(4, entry.recipient());
                insert.setBytes(5, entry.mime());
                insert.setString(6, entry.status().name());
                dialect.setInstant(insert, 7, entry.createdAt());
                dialect.setInstant(insert, 8, entry.createdAt());
                insert.setString(9, truncate(entry.detail()));
                dialect.setInstant(insert, 10, entry.notBefore());
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
            try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox"
                    + " WHERE campaign_id = ? AND status = ? ORDER BY created_at, idempotency_key"
                    + " FETCH FIRST ? ROWS ONLY")) {
                statement.setString(1, campaignId);
                statement.setString(2, OutboxStatus.PENDING.name());
                statement.setInt(3, limit);
                return entries(statement);
            }
        });
    }

    @Override
    public java.util.Optional<OutboxEntry> find(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        return db.withConnection("read outbox entry " + idempotencyKey, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE idempotency_key = ?")) {
                statement.setString(1, idempotencyKey);
                return entries(statement).stream().findFirst();
            }
        });
    }

    /**
     * Picks candidates, locking them (PostgreSQL skips rows another claimer holds), then takes each
     * with an update that re-checks the lease, so a row is never handed to two claimers even where
     * the database does not skip locked rows.
     */
    @Override
    public List<OutboxEntry> claim(String campaignId, String node, Instant now, Duration lease, int limit) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(node, "node");
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        return db.inTransaction("claim outbox entries of campaign " + campaignId, c -> {
            List<String> candidates = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT idempotency_key FROM outbox"
                    + " WHERE campaign_id = ? AND status = ? AND not_before <= ? AND (lease_until IS NULL OR lease_until < ?)"
                    + " ORDER BY created_at, idempotency_key FETCH FIRST ? ROWS ONLY"
                    + (dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"))) {
                select.setString(1, campaignId);
                select.setString(2, OutboxStatus.PENDING.name());
                dialect.setInstant(select, 3, now);
                dialect.setInstant(select, 4, now);
                select.setInt(5, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        candidates.add(rows.getString(1));
                    }
                }
            }
            List<OutboxEntry> claimed = new ArrayList<>();
            try (PreparedStatement take = c.prepareStatement("UPDATE outbox SET lease_owner = ?, lease_until = ?,"
                    + " attempts = attempts + 1 WHERE idempotency_key = ? AND status = ?"
                    + " AND (lease_until IS NULL OR lease_until < ?)");
                 PreparedStatement read = c.prepareStatement("SELECT " + COLUMNS + " FROM outbox WHERE idempotency_key = ?")) {
                for (String key : candidates) {
                    take.setString(1, node);
                    dialect.setInstant(take, 2, until);
                    take.setString(3, key);
                    take.setString(4, OutboxStatus.PENDING.name());
                    dialect.setInstant(take, 5, now);
                    if (take.executeUpdate() == 1) {
                        read.setString(1, key);
                        claimed.addAll(entries(read));
                    }
                }
            }
            return claimed;
        });
    }

    @Override
    public void release(String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        db.withConnection("release outbox entry " + idempotencyKey, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE outbox SET lease_owner = NULL, lease_until = NULL"
                    + " WHERE idempotency_key = ? AND status = ?")) {
                update.setString(1, idempotencyKey);
                update.setString(2, OutboxStatus.PENDING.name());
                return update.executeUpdate();
            }
        });
    }

    @Override
    public long handedOutAgain(String campaignId) {
        Objects.requireNonNull(campaignId, "campaignId");
        return db.withConnection("count outbox entries handed out again in campaign " + campaignId, c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT COUNT(*) FROM outbox WHERE campaign_id = ? AND attempts > 1")) {
                statement.setString(1, campaignId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    @Override
    public List<String> campaignsWithDue(Instant now) {
        return db.withConnection("find campaigns with due outbox entries", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT DISTINCT campaign_id FROM outbox"
                    + " WHERE status = ? AND not_before <= ? AND (lease_until IS NULL OR lease_until < ?) ORDER BY campaign_id")) {
                statement.setString(1, OutboxStatus.PENDING.name());
                dialect.setInstant(statement, 2, now);
                dialect.setInstant(statement, 3, now);
                List<String> campaigns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        campaigns.add(rows.getString(1));
                    }
                }
                return campaigns;
            }
        });
    }

    @Override
    public Map<String, Long> recentPerProfile(Instant since, java.util.Set<String> exceptCampaigns) {
        return db.withConnection("count recent outbox entries per profile", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT profile_id, campaign_id, COUNT(*) FROM outbox"
                    + " WHERE created_at >= ? AND status IN (?, ?) GROUP BY profile_id, campaign_id")) {
                dialect.setInstant(statement, 1, since);
                statement.setString(2, OutboxStatus.PENDING.name());
                statement.setString(3, OutboxStatus.SENT.name());
                Map<String, Long> counts = new java.util.HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (!exceptCampaigns.contains(rows.getString(2))) {
                            counts.merge(rows.getString(1), rows.getLong(3), Long::sum);
                        }
                    }
                }
                return counts;
            }
        });
    }

    private static List<OutboxEntry> entries(PreparedStatement statement) throws SQLException {
        List<OutboxEntry> entries = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                entries.add(new OutboxEntry(rows.getString("idempotency_key"), rows.getString("campaign_id"),
                        rows.getString("profile_id"), rows.getString("recipient"), rows.getBytes("mime"),
                        OutboxStatus.valueOf(rows.getString("status")), Jdbc.getInstant(rows, "created_at"),
                        rows.getString("detail"), Jdbc.getInstant(rows, "not_before")));
            }
        }
        return entries;
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
                    + " updated_at = ?, lease_owner = NULL, lease_until = NULL WHERE idempotency_key = ? AND status = ?")) {
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
