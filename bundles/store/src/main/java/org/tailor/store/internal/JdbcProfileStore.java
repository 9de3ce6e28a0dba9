package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.StoreException;

/**
 * Profiles in table {@code profiles}, their identities in {@code profile_identities}. A profile
 * absorbed by a merge keeps its row, marked by {@code absorbed_into}, and is left out of counts and
 * visits; its id finds the survivor. Merges themselves are {@link ProfileMerges}' work.
 */
@Component(service = ProfileStore.class)
public final class JdbcProfileStore implements ProfileStore {

    /** Profiles per query in {@link #forEach}: bounds memory, and no connection is held while visiting. */
    static final int PAGE_SIZE = 500;
    /** Point look-ups per UNION ALL statement. */
    private static final int PROBES = 100;

    /** A profile row joined to its identities, one row per identity (or one with nulls if none). */
    private static final String SELECT = "SELECT p.id, p.attributes, p.created_at, p.updated_at,"
            + " i.namespace, i.identity_value FROM %s p"
            + " LEFT JOIN profile_identities i ON i.profile_id = p.id"
            + " %s ORDER BY p.id, i.namespace, i.identity_value";
    private static final String BY_ID = SELECT.formatted("profiles", "WHERE p.id = ?");
    private static final String BY_IDENTITY = SELECT.formatted("profiles", "WHERE p.id = (SELECT profile_id"
            + " FROM profile_identities WHERE namespace = ? AND identity_value = ?)");
    private static final String FIRST_PAGE = SELECT.formatted("(SELECT * FROM profiles WHERE absorbed_into IS NULL"
            + " ORDER BY id FETCH FIRST " + PAGE_SIZE + " ROWS ONLY)", "");
    private static final String NEXT_PAGE = SELECT.formatted("(SELECT * FROM profiles WHERE absorbed_into IS NULL"
            + " AND id > ? ORDER BY id FETCH FIRST " + PAGE_SIZE + " ROWS ONLY)", "");

    private final JdbcStore db;
    private final Dialect dialect;
    private final AttributeCodec codec = new AttributeCodec();
    private final ProfileMerges merges;

    @Activate
    public JdbcProfileStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
        this.merges = new ProfileMerges(db, codec);
    }

    @Override
    public Optional<Profile> find(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("find profile " + profileId,
                c -> first(query(c, BY_ID, Survivors.root(c, profileId))));
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
        write("save profile " + profile.id(), List.of(profile));
    }

    /** One transaction for all; a profile given twice is saved as its last copy. */
    @Override
    public void saveAll(Collection<Profile> profiles) {
        Objects.requireNonNull(profiles, "profiles");
        Map<String, Profile> byId = new LinkedHashMap<>();
        profiles.forEach(profile -> byId.put(profile.id(), profile));
        if (!byId.isEmpty()) {
            write("save " + byId.size() + " profiles", byId.values());
        }
    }

    /** Asks in chunks, each one query for the profiles and their identities. */
    @Override
    public Map<Identity, Profile> findByIdentities(Collection<Identity> identities) {
        Objects.requireNonNull(identities, "identities");
        List<Identity> wanted = List.copyOf(new LinkedHashSet<>(identities));
        Map<Identity, Profile> found = new LinkedHashMap<>();
        Map<Identity, String> owners = db.withConnection("find owners of " + wanted.size() + " identities",
                c -> owners(c, wanted));
        List<String> ids = List.copyOf(new LinkedHashSet<>(owners.values()));
        Map<String, Profile> byId = new HashMap<>();
        for (int from = 0; from < ids.size(); from += PROBES) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PROBES));
            // Point look-ups joined by UNION ALL, for the reason given at owners().
            String sql = String.join(" UNION ALL ", Collections.nCopies(chunk.size(), "SELECT p.id, p.attributes, p.created_at,"
                    + " p.updated_at, i.namespace, i.identity_value FROM profiles p LEFT JOIN profile_identities i"
                    + " ON i.profile_id = p.id WHERE p.id = ?")) + " ORDER BY 1, 5, 6";
            db.withConnection("find " + chunk.size() + " profiles", c -> query(c, sql, chunk.toArray(String[]::new)))
                    .forEach(p -> byId.put(p.id(), p));
        }
        owners.forEach((identity, id) -> {
            Profile profile = byId.get(id);
            if (profile != null && profile.identities().contains(identity)) {
                found.put(identity, profile);
            }
        });
        Map<Identity, Profile> ordered = new LinkedHashMap<>();
        wanted.stream().filter(found::containsKey).forEach(i -> ordered.put(i, found.get(i)));
        return ordered;
    }

    /**
     * Saves the profiles in one transaction. An identity may move between profiles of the batch;
     * one held by a profile outside it is a conflict.
     */
    private void write(String operation, Collection<Profile> profiles) {
        Map<String, String> attributes = new HashMap<>();
        profiles.forEach(profile -> attributes.put(profile.id(), codec.encode(profile.attributes())));
        db.inTransaction(operation, c -> {
            // The locks also keep a merge from absorbing a profile while it is being saved.
            Map<String, String> absorbed = absorbedInto(c, attributes.keySet());
            Map<Identity, String> claimed = new HashMap<>();
            for (Profile profile : profiles) {
                String survivor = absorbed.get(profile.id());
                if (survivor != null) {
                    throw new StoreException("cannot save profile " + profile.id() + ": it was merged into profile "
                            + survivor + "; save that profile instead, or undo the merge first");
                }
                for (Identity identity : profile.identities()) {
                    String other = claimed.putIfAbsent(identity, profile.id());
                    if (other != null) {
                        throw conflict(profile, identity, other);
                    }
                }
            }
            Map<Identity, String> owners = owners(c, claimed.keySet());
            for (Profile profile : profiles) {
                for (Identity identity : profile.identities()) {
                    String owner = owners.get(identity);
                    if (owner != null && !attributes.containsKey(owner)) {
                        throw conflict(profile, identity, owner);
                    }
                }
            }
            upsertRows(c, profiles, attributes);
            replaceIdentities(c, profiles, claimed);
            return null;
        });
    }

    @Override
    public long count() {
        return db.withConnection("count profiles", c -> {
            try (PreparedStatement statement = c.prepareStatement(
                    "SELECT COUNT(*) FROM profiles WHERE absorbed_into IS NULL")) {
                return Jdbc.count(statement);
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

    @Override
    public ProfileMerge merge(String survivorId, String absorbedId, String reason, Instant at) {
        return merges.merge(survivorId, absorbedId, reason, at);
    }

    @Override
    public ProfileMerge unmerge(String mergeId, Instant at) {
        return merges.unmerge(mergeId, at);
    }

    @Override
    public List<ProfileMerge> merges(String profileId) {
        return merges.mergesOf(profileId);
    }

    @Override
    public Optional<ProfileMerge> findMerge(String mergeId) {
        return merges.find(mergeId);
    }

    /**
     * Which saved profile holds each of these identities; identities nobody holds are absent.
     *
     * <p>One statement per chunk, made of point look-ups joined by UNION ALL: each branch is a
     * primary-key probe on both databases, whatever the planner thinks of the table's size. An IN
     * list was planned as a scan while tables were young, which made large imports quadratic.
     */
    private static Map<Identity, String> owners(Connection c, Collection<Identity> identities) throws SQLException {
        List<Identity> all = List.copyOf(identities);
        Map<Identity, String> owners = new HashMap<>();
        for (int from = 0; from < all.size(); from += PROBES) {
            List<Identity> chunk = all.subList(from, Math.min(all.size(), from + PROBES));
            String sql = String.join(" UNION ALL ", Collections.nCopies(chunk.size(),
                    "SELECT namespace, identity_value, profile_id FROM profile_identities WHERE namespace = ? AND identity_value = ?"));
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                int parameter = 1;
                for (Identity identity : chunk) {
                    statement.setString(parameter++, identity.namespace());
                    statement.setString(parameter++, identity.value());
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        owners.put(new Identity(rows.getString(1), rows.getString(2)), rows.getString(3));
                    }
                }
            }
        }
        return owners;
    }

    /** For the given ids, the survivor of each that was absorbed; locks the rows until the transaction ends. */
    private Map<String, String> absorbedInto(Connection c, Collection<String> ids) throws SQLException {
        List<String> all = List.copyOf(ids);
        Map<String, String> absorbed = new HashMap<>();
        for (int from = 0; from < all.size(); from += PROBES) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + PROBES));
            try (PreparedStatement statement = Survivors.byIds(c, dialect, "SELECT id, absorbed_into FROM profiles", chunk,
                    " FOR UPDATE")) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(2) != null) {
                            absorbed.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
            }
        }
        return absorbed;
    }

    private static StoreException conflict(Profile profile, Identity identity, String owner) {
        return new StoreException("cannot save profile " + profile.id() + ": identity " + identity
                + " already belongs to profile " + owner);
    }

    private void upsertRows(Connection c, Collection<Profile> profiles, Map<String, String> attributes)
            throws SQLException {
        // One statement per profile, so two first saves of one profile cannot both insert.
        try (PreparedStatement upsert = c.prepareStatement(dialect.upsert("profiles", "id",
                "id, attributes, created_at, updated_at", "?, " + dialect.jsonParameter() + ", ?, ?"))) {
            for (Profile profile : profiles) {
                upsert.setString(1, profile.id());
                upsert.setString(2, attributes.get(profile.id()));
                dialect.setInstant(upsert, 3, profile.createdAt());
                dialect.setInstant(upsert, 4, profile.updatedAt());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    private void replaceIdentities(Connection c, Collection<Profile> profiles, Map<Identity, String> claimed)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM profile_identities WHERE profile_id = ?")) {
            for (Profile profile : profiles) {
                delete.setString(1, profile.id());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew(
                "INSERT INTO profile_identities (namespace, identity_value, profile_id) VALUES (?, ?, ?)"))) {
            int inserted = Jdbc.insertAllIfNew(insert, dialect, claimed.entrySet(), (statement, claim) -> {
                statement.setString(1, claim.getKey().namespace());
                statement.setString(2, claim.getKey().value());
                statement.setString(3, claim.getValue());
            });
            if (inserted < claimed.size()) {
                // Another transaction claimed an identity after the check: name the first one lost.
                Map<Identity, String> owners = owners(c, claimed.keySet());
                for (Profile profile : profiles) {
                    for (Identity identity : profile.identities()) {
                        String owner = owners.get(identity);
                        if (!profile.id().equals(owner)) {
                            throw conflict(profile, identity, owner == null ? "being saved concurrently" : owner);
                        }
                    }
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
