package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.StoreException;

/** Profiles in table {@code profiles}, their identities in {@code profile_identities}. */
@Component(service = ProfileStore.class)
public final class JdbcProfileStore implements ProfileStore {

    /** Profiles per query in {@link #forEach}: bounds memory, and no connection is held while visiting. */
    static final int PAGE_SIZE = 500;

    /** A profile row joined to its identities, one row per identity (or one with nulls if none). */
    private static final String SELECT = "SELECT p.id, p.attributes, p.created_at, p.updated_at,"
            + " i.namespace, i.identity_value FROM %s p"
            + " LEFT JOIN profile_identities i ON i.profile_id = p.id"
            + " %s ORDER BY p.id, i.namespace, i.identity_value";
    private static final String BY_ID = SELECT.formatted("profiles", "WHERE p.id = ?");
    private static final String BY_IDENTITY = SELECT.formatted("profiles", "WHERE p.id = (SELECT profile_id"
            + " FROM profile_identities WHERE namespace = ? AND identity_value = ?)");
    private static final String FIRST_PAGE = SELECT.formatted(
            "(SELECT * FROM profiles ORDER BY id FETCH FIRST " + PAGE_SIZE + " ROWS ONLY)", "");
    private static final String NEXT_PAGE = SELECT.formatted(
            "(SELECT * FROM profiles WHERE id > ? ORDER BY id FETCH FIRST " + PAGE_SIZE + " ROWS ONLY)", "");

    private final JdbcStore db;
    private final AttributeCodec codec = new AttributeCodec();

    @Activate
    public JdbcProfileStore(@Reference JdbcStore db) {
        this.db = db;
    }

    @Override
    public Optional<Profile> find(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("find profile " + profileId,
                c -> first(query(c, BY_ID, profileId)));
    }

    @Override
    public Optional<Profile> findByIdentity(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        // The value may be an email address: the message names only the namespace.
        return db.withConnection("find profile by " + identity.namespace() + " identity",
                c -> first(query(c, BY_IDENTITY, identity.namespace(), identity.value())));
    }

    @Override
    public void save(Profile profile) {
        Objects.requireNonNull(profile, "profile");
        String attributes = codec.encode(profile.attributes());
        db.inTransaction("save profile " + profile.id(), c -> {
            for (Identity identity : profile.identities()) {
                owner(c, identity).filter(owner -> !owner.equals(profile.id()))
                        .ifPresent(owner -> {
                            throw conflict(profile, identity, owner);
                        });
            }
            upsertRow(c, profile, attributes);
            replaceIdentities(c, profile);
            return null;
        });
    }

    @Override
    public long count() {
        return db.withConnection("count profiles", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM profiles");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * Keyset pagination: each page is read and its connection returned before the visitor runs,
     * so the visitor may call the store (even with a pool of one) and a slow visitor holds no lock.
     * Profiles saved meanwhile are visited if their id sorts after the current page.
     */
    @Override
    public void forEach(Consumer<Profile> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        String after = null;
        while (true) {
            String last = after;
            List<Profile> page = last == null
                    ? db.withConnection("read the first page of profiles", c -> query(c, FIRST_PAGE))
                    : db.withConnection("read profiles after " + last, c -> query(c, NEXT_PAGE, last));
            page.forEach(visitor);
            if (page.size() < PAGE_SIZE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    private static Optional<String> owner(Connection c, Identity identity) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT profile_id FROM profile_identities WHERE namespace = ? AND identity_value = ?")) {
            statement.setString(1, identity.namespace());
            statement.setString(2, identity.value());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static StoreException conflict(Profile profile, Identity identity, String owner) {
        return new StoreException("cannot save profile " + profile.id() + ": identity " + identity
                + " already belongs to profile " + owner);
    }

    private static void upsertRow(Connection c, Profile profile, String attributes) throws SQLException {
        // UPDATE then INSERT rather than MERGE: portable, and the primary key settles a race
        // between two first saves of one profile (the loser fails and may retry).
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE profiles SET attributes = ?, created_at = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, attributes);
            Jdbc.setInstant(update, 2, profile.createdAt());
            Jdbc.setInstant(update, 3, profile.updatedAt());
            update.setString(4, profile.id());
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO profiles (id, attributes, created_at, updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, profile.id());
            insert.setString(2, attributes);
            Jdbc.setInstant(insert, 3, profile.createdAt());
            Jdbc.setInstant(insert, 4, profile.updatedAt());
            insert.executeUpdate();
        }
    }

    private static void replaceIdentities(Connection c, Profile profile) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM profile_identities WHERE profile_id = ?")) {
            delete.setString(1, profile.id());
            delete.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO profile_identities (namespace, identity_value, profile_id) VALUES (?, ?, ?)")) {
            for (Identity identity : profile.identities()) {
                insert.setString(1, identity.namespace());
                insert.setString(2, identity.value());
                insert.setString(3, profile.id());
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!Jdbc.isDuplicateKey(e)) {
                        throw e;
                    }
                    // Another transaction claimed the identity after the check above.
                    throw conflict(profile, identity, owner(c, identity).orElse("being saved concurrently"));
                }
            }
        }
    }

    private List<Profile> query(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return profiles(rows);
            }
        }
    }

    /** Folds the joined rows, which arrive grouped by profile id, into profiles. */
    private List<Profile> profiles(ResultSet rows) throws SQLException {
        List<Profile> profiles = new ArrayList<>();
        ProfileRow current = null;
        while (rows.next()) {
            String id = rows.getString("id");
            if (current == null || !current.id.equals(id)) {
                if (current != null) {
                    profiles.add(current.toProfile());
                }
                current = new ProfileRow(id, decode(id, rows.getString("attributes")), rows);
            }
            String namespace = rows.getString("namespace");
            if (namespace != null) {
                current.identities.add(new Identity(namespace, rows.getString("identity_value")));
            }
        }
        if (current != null) {
            profiles.add(current.toProfile());
        }
        return profiles;
    }

    private Map<String, Object> decode(String profileId, String json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("attributes of profile " + profileId + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Optional<Profile> first(List<Profile> profiles) {
        return profiles.stream().findFirst();
    }

    private static final class ProfileRow {
        final String id;
        final Map<String, Object> attributes;
        final Instant createdAt;
        final Instant updatedAt;
        final Set<Identity> identities = new LinkedHashSet<>();

        ProfileRow(String id, Map<String, Object> attributes, ResultSet rows) throws SQLException {
            this.id = id;
            this.attributes = attributes;
            this.createdAt = Jdbc.getInstant(rows, "created_at");
            this.updatedAt = Jdbc.getInstant(rows, "updated_at");
        }

        Profile toProfile() {
            return new Profile(id, identities, attributes, createdAt, updatedAt);
        }
    }
}
