package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.StoreException;

/**
 * Merging two profiles and undoing it, with the log in {@code profile_merges}.
 *
 * <p>A merge moves the absorbed profile's identities, events and orders to the survivor, fills the
 * survivor's missing attributes from it, and marks its row absorbed; the row itself stays as it was,
 * so an unmerge finds the absorbed profile's attributes unchanged. The log keeps the identities that
 * moved and the survivor's attributes before and right after, which is what an unmerge needs to
 * tell the merge's changes from later ones.
 *
 * <p>Rows that came from the absorbed side are found by {@code origin_profile_id}, the id an event
 * or order was addressed to: on unmerge, those addressed to the absorbed profile or to any profile
 * still absorbed into it go back, including ones written for those ids after the merge.
 *
 * <p>Chains: with A merged into B and then B into C, undoing B into C is allowed (B takes back its
 * own and A's rows, and A stays in B); undoing A into B is refused while B is absorbed into C,
 * because A's rows now sit with C and B's attributes are not B's to restore. Undo the later merge
 * first. Every merge and unmerge locks the absorbed row before the survivor's, the order
 * {@link Survivors#lockedRoot} uses too.
 */
final class ProfileMerges {

    private static final String COLUMNS = "SELECT id, survivor_id, absorbed_id, merged_at, reason, reverted_at"
            + " FROM profile_merges";

    private final JdbcStore db;
    private final Dialect dialect;
    private final AttributeCodec codec;

    ProfileMerges(JdbcStore db, AttributeCodec codec) {
        this.db = db;
        this.dialect = db.dialect();
        this.codec = codec;
    }

    ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(absorbedId, "absorbedId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        String operation = "merge profile " + absorbedId + " into profile " + survivorId;
        if (survivorId.equals(absorbedId)) {
            throw new StoreException("cannot " + operation + ": a profile cannot be merged into itself");
        }
        return db.inTransaction(operation, c -> {
            Row absorbed = lock(c, absorbedId, operation);
            Row survivor = lock(c, survivorId, operation);
            absorbed.refuseIfAbsorbed(operation);
            survivor.refuseIfAbsorbed(operation);

            Map<String, Object> after = new LinkedHashMap<>(decode(survivor));
            decode(absorbed).forEach(after::putIfAbsent);
            String afterJson = codec.encode(after);
            ProfileMerge merge = new ProfileMerge(UUID.randomUUID().toString(), survivorId, absorbedId,
                    dialect.storable(at), reason, Optional.empty());
            insertLog(c, merge, survivor.attributes, afterJson);
            update(c, "INSERT INTO profile_merge_identities (merge_id, namespace, identity_value)"
                    + " SELECT ?, namespace, identity_value FROM profile_identities WHERE profile_id = ?",
                    merge.id(), absorbedId);
            for (String table : List.of("profile_identities", "events", "orders")) {
                update(c, "UPDATE " + table + " SET profile_id = ? WHERE profile_id = ?", survivorId, absorbedId);
            }
            setAttributes(c, survivorId, afterJson, at);
            update(c, "UPDATE profiles SET absorbed_into = ? WHERE id = ?", survivorId, absorbedId);
            return merge;
        });
    }

    ProfileMerge unmerge(String mergeId, Instant at) {
        Objects.requireNonNull(mergeId, "mergeId");
        Objects.requireNonNull(at, "at");
        String operation = "unmerge " + mergeId;
        return db.inTransaction(operation, c -> {
            Logged logged = lockLog(c, mergeId)
                    .orElseThrow(() -> new StoreException("cannot " + operation + ": there is no such merge"));
            ProfileMerge merge = logged.merge();
            if (!merge.active()) {
                throw new StoreException("cannot " + operation + ": it was undone at " + merge.revertedAt().get());
            }
            String absorbedId = merge.absorbedId();
            String survivorId = merge.survivorId();
            Row absorbed = lock(c, absorbedId, operation);
            Row survivor = lock(c, survivorId, operation);
            if (survivor.absorbedInto != null) {
                throw new StoreException("cannot " + operation + " (profile " + absorbedId + " from " + survivorId
                        + "): profile " + survivorId + " was merged into profile " + survivor.absorbedInto
                        + " since; undo that merge first");
            }
            if (!survivorId.equals(absorbed.absorbedInto)) {
                throw new StoreException("cannot " + operation + ": profile " + absorbedId
                        + " is not marked as absorbed into " + survivorId + "; the merge log is inconsistent");
            }
            update(c, "UPDATE profile_identities SET profile_id = ? WHERE profile_id = ? AND EXISTS (SELECT 1"
                    + " FROM profile_merge_identities m WHERE m.merge_id = ?"
                    + " AND m.namespace = profile_identities.namespace"
                    + " AND m.identity_value = profile_identities.identity_value)", absorbedId, survivorId, mergeId);
            Set<String> members = Survivors.members(c, absorbedId);
            for (String table : List.of("events", "orders")) {
                try (PreparedStatement back = c.prepareStatement("UPDATE " + table
                        + " SET profile_id = ? WHERE profile_id = ? AND origin_profile_id = ?")) {
                    for (String member : members) {
                        back.setString(1, absorbedId);
                        back.setString(2, survivorId);
                        back.setString(3, member);
                        back.addBatch();
                    }
                    back.executeBatch();
                }
            }
            Map<String, Object> restored = restore(decodeLogged(mergeId, logged.before()),
                    decodeLogged(mergeId, logged.after()), decode(survivor));
            setAttributes(c, survivorId, codec.encode(restored), at);
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE profiles SET absorbed_into = NULL, updated_at = ? WHERE id = ?")) {
                dialect.setInstant(release, 1, at);
                release.setString(2, absorbedId);
                release.executeUpdate();
            }
            try (PreparedStatement revert = c.prepareStatement(
                    "UPDATE profile_merges SET reverted_at = ? WHERE id = ?")) {
                dialect.setInstant(revert, 1, at);
                revert.setString(2, mergeId);
                revert.executeUpdate();
            }
            return new ProfileMerge(merge.id(), survivorId, absorbedId, merge.mergedAt(), merge.reason(),
                    Optional.of(dialect.storable(at)));
        });
    }

    List<ProfileMerge> mergesOf(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read merges of profile " + profileId, c -> {
            try (PreparedStatement statement = c.prepareStatement(COLUMNS
                    + " WHERE survivor_id = ? OR absorbed_id = ? ORDER BY merged_at, seq")) {
                statement.setString(1, profileId);
                statement.setString(2, profileId);
                List<ProfileMerge> merges = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        merges.add(merge(rows));
                    }
                }
                return merges;
            }
        });
    }

    Optional<ProfileMerge> find(String mergeId) {
        Objects.requireNonNull(mergeId, "mergeId");
        return db.withConnection("find merge " + mergeId, c -> {
            try (PreparedStatement statement = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
                statement.setString(1, mergeId);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(merge(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The survivor's attributes after an unmerge: each attribute the merge touched goes back to
     * its value before the merge (or away, if it had none) unless it changed since the merge, in
     * which case the newer value stays. Attributes the merge did not touch are left alone.
     */
    static Map<String, Object> restore(Map<String, Object> before, Map<String, Object> after,
                                       Map<String, Object> current) {
        Map<String, Object> restored = new LinkedHashMap<>(current);
        Set<String> touched = new HashSet<>(before.keySet());
        touched.addAll(after.keySet());
        for (String name : touched) {
            if (Objects.equals(current.get(name), after.get(name))) {
                if (before.containsKey(name)) {
                    restored.put(name, before.get(name));
                } else {
                    restored.remove(name);
                }
            }
        }
        return restored;
    }

    private void insertLog(Connection c, ProfileMerge merge, String beforeJson, String afterJson) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO profile_merges (id, survivor_id, absorbed_id,"
                + " merged_at, reason, survivor_before, survivor_after) VALUES (?, ?, ?, ?, ?, "
                + dialect.jsonParameter() + ", " + dialect.jsonParameter() + ")")) {
            insert.setString(1, merge.id());
            insert.setString(2, merge.survivorId());
            insert.setString(3, merge.absorbedId());
            dialect.setInstant(insert, 4, merge.mergedAt());
            insert.setString(5, merge.reason());
            insert.setString(6, beforeJson);
            insert.setString(7, afterJson);
            insert.executeUpdate();
        }
    }

    private void setAttributes(Connection c, String profileId, String json, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE profiles SET attributes = "
                + dialect.jsonParameter() + ", updated_at = ? WHERE id = ?")) {
            update.setString(1, json);
            dialect.setInstant(update, 2, at);
            update.setString(3, profileId);
            update.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setString(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }

    private static Row lock(Connection c, String profileId, String operation) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT attributes, absorbed_into FROM profiles WHERE id = ? FOR UPDATE")) {
            statement.setString(1, profileId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("cannot " + operation + ": profile " + profileId + " does not exist");
                }
                return new Row(profileId, rows.getString(1), rows.getString(2));
            }
        }
    }

    private static Optional<Logged> lockLog(Connection c, String mergeId) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement("SELECT id, survivor_id, absorbed_id, merged_at, reason,"
                + " reverted_at, survivor_before, survivor_after FROM profile_merges WHERE id = ? FOR UPDATE")) {
            statement.setString(1, mergeId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Logged(merge(rows), rows.getString("survivor_before"),
                        rows.getString("survivor_after")));
            }
        }
    }

    private static ProfileMerge merge(ResultSet rows) throws SQLException {
        return new ProfileMerge(rows.getString("id"), rows.getString("survivor_id"), rows.getString("absorbed_id"),
                Jdbc.getInstant(rows, "merged_at"), rows.getString("reason"),
                Jdbc.getOptionalInstant(rows, "reverted_at"));
    }

    private Map<String, Object> decode(Row row) {
        try {
            return codec.decode(row.attributes);
        } catch (IllegalArgumentException e) {
            throw new StoreException("attributes of profile " + row.id + " cannot be read: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> decodeLogged(String mergeId, String json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("attribute snapshot of merge " + mergeId + " cannot be read: " + e.getMessage(), e);
        }
    }

    private record Row(String id, String attributes, String absorbedInto) {

        void refuseIfAbsorbed(String operation) {
            if (absorbedInto != null) {
                throw new StoreException("cannot " + operation + ": profile " + id
                        + " was already merged into profile " + absorbedInto);
            }
        }
    }

    private record Logged(ProfileMerge merge, String before, String after) {
    }
}
