package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.store.PersonalDataStore;

/** A person's rows across the store's tables, found and erased together. */
@Component(service = PersonalDataStore.class)
public final class JdbcPersonalDataStore implements PersonalDataStore {

    static final String AUDIT_KIND = "erasure";

    /**
     * What erasure deletes, in an order that satisfies the foreign keys (identities, order lines and
     * merge identities go by cascade): table, then the condition naming the person's ids.
     */
    private static final List<String[]> ERASED = List.of(
            new String[] {"events", "profile_id IN (%1$s) OR origin_profile_id IN (%1$s)"},
            new String[] {"orders", "profile_id IN (%1$s) OR origin_profile_id IN (%1$s)"},
            new String[] {"outbox", "profile_id IN (%1$s)"},
            new String[] {"profile_merges", "survivor_id IN (%1$s) OR absorbed_id IN (%1$s)"},
            new String[] {"profile_scores", "profile_id IN (%1$s)"},
            new String[] {"segment_members", "profile_id IN (%1$s)"},
            new String[] {"segment_membership_changes", "profile_id IN (%1$s)"},
            new String[] {"profile_identities", "profile_id IN (%1$s)"},
            new String[] {"profiles", "id IN (%1$s)"});

    private final JdbcStore db;

    @Activate
    public JdbcPersonalDataStore(@Reference JdbcStore db) {
        this.db = db;
    }

    @Override
    public Set<String> personIds(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("find the profiles of person " + profileId, c -> {
            String root = Survivors.root(c, profileId);
            if (!exists(c, root)) {
                return Set.of();
            }
            return Set.copyOf(Survivors.members(c, root));
        });
    }

    private static boolean exists(Connection c, String profileId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT 1 FROM profiles WHERE id = ?")) {
            statement.setString(1, profileId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public List<OutboxEntry> outboxOf(Set<String> profileIds) {
        if (profileIds.isEmpty()) {
            return List.of();
        }
        List<String> ids = List.copyOf(profileIds);
        return db.withConnection("read the outbox entries of " + ids, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT idempotency_key, campaign_id, profile_id,"
                    + " recipient, mime, status, created_at, detail FROM outbox WHERE profile_id IN (" + marks(ids.size())
                    + ") ORDER BY created_at, idempotency_key")) {
                bind(statement, ids, 1);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new OutboxEntry(rows.getString("idempotency_key"), rows.getString("campaign_id"),
                                rows.getString("profile_id"), rows.getString("recipient"), rows.getBytes("mime"),
                                OutboxStatus.valueOf(rows.getString("status")), Jdbc.getInstant(rows, "created_at"),
                                rows.getString("detail")));
                    }
                }
                entries.sort(Comparator.comparing(OutboxEntry::createdAt));
                return entries;
            }
        });
    }

    @Override
    public Map<String, Long> erase(Set<String> profileIds, String requestId, Instant at) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(at, "at");
        List<String> ids = List.copyOf(new LinkedHashSet<>(profileIds));
        Map<String, Long> erased = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return erased;
        }
        return db.inTransaction("erase the data of " + ids, c -> {
            for (String[] table : ERASED) {
                String condition = table[1].formatted(marks(ids.size()));
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table[0] + " WHERE " + condition)) {
                    int parameters = condition.split("\\?", -1).length - 1;
                    for (int from = 1; from <= parameters; from += ids.size()) {
                        bind(delete, ids, from);
                    }
                    erased.put(table[0], (long) delete.executeUpdate());
                }
            }
            String counts = erased.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            AuditChain.append(c, db.dialect(), List.of(new AuditChain.Draft(at, AUDIT_KIND, requestId,
                    "erased profiles " + String.join(" ", ids) + ": " + counts)));
            return erased;
        });
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private static void bind(PreparedStatement statement, List<String> ids, int from) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(from + i, ids.get(i));
        }
    }
}
