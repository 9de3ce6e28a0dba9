package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tailor.api.store.StoreException;

/**
 * Follows {@code profiles.absorbed_into} from a profile id to the profile that now stands for it
 * (A absorbed into B, B into C: A's survivor is C), and back down to the profiles a survivor holds.
 */
final class Survivors {

    /** Merges never form a cycle (only unabsorbed profiles merge); the bound turns a corrupt chain into an error. */
    private static final int MAX_CHAIN = 10_000;

    private Survivors() {
    }

    /** The profile now standing for this id: the id itself unless it was absorbed. */
    static String root(Connection c, String profileId) throws SQLException {
        return follow(c, profileId, "");
    }

    /**
     * Like {@link #root}, locking every row on the way until the transaction ends, so that a merge
     * cannot move the profile's rows between this look-up and the caller's write: a row written
     * for an absorbed id then still reaches the survivor. Locks go from absorbed to survivor, the
     * order merges take them in, so the two cannot deadlock.
     */
    static String lockedRoot(Connection c, Dialect dialect, String profileId) throws SQLException {
        return follow(c, profileId, dialect.forShare());
    }

    /**
     * {@link #lockedRoot} for many ids with one query per few hundred: the rows of profiles that
     * were never absorbed (nearly all) are read and locked together; only absorbed or unknown ids
     * walk their chain one step at a time.
     */
    static Map<String, String> lockedRoots(Connection c, Dialect dialect, Collection<String> profileIds) throws SQLException {
        Map<String, String> roots = new HashMap<>();
        List<String> ids = List.copyOf(new LinkedHashSet<>(profileIds));
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement statement = byIds(c, dialect, "SELECT id, absorbed_into FROM profiles", chunk,
                    dialect.forShare())) {
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        if (rows.getString(2) == null) {
                            roots.put(rows.getString(1), rows.getString(1));
                        }
                    }
                }
            }
        }
        for (String id : ids) {
            if (!roots.containsKey(id)) {
                roots.put(id, lockedRoot(c, dialect, id));
            }
        }
        return roots;
    }

    /**
     * A query for the rows of the given profile ids. On PostgreSQL the ids go as one array
     * ({@code id = ANY(?)}), which it answers with index probes; a long IN list of parameters got a
     * generic plan that scanned the whole table, once per batch, and made large imports quadratic.
     */
    static PreparedStatement byIds(Connection c, Dialect dialect, String select, List<String> ids, String lock)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            // Even so, while a table grows from empty its statistics lag and the planner keeps choosing
            // a full scan for these primary-key look-ups; this transaction only ever wants the index.
            try (java.sql.Statement hint = c.createStatement()) {
                hint.execute("SET LOCAL enable_seqscan = off");
            }
            PreparedStatement statement = c.prepareStatement(select + " WHERE id = ANY(?)" + lock);
            statement.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            return statement;
        }
        PreparedStatement statement = c.prepareStatement(select + " WHERE id IN ("
                + String.join(", ", java.util.Collections.nCopies(ids.size(), "?")) + ")" + lock);
        for (int i = 0; i < ids.size(); i++) {
            statement.setString(i + 1, ids.get(i));
        }
        return statement;
    }

    /** Ids per IN list: small enough that PostgreSQL plans index probes rather than a scan of a young table. */
    private static final int CHUNK = 100;

    /** The id of the profile this one was absorbed into directly, or empty if it is not absorbed (or unknown). */
    static Optional<String> absorbedInto(Connection c, String profileId, String lock) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(
                "SELECT absorbed_into FROM profiles WHERE id = ?" + lock)) {
            statement.setString(1, profileId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * The profile and every profile absorbed into it, directly or through others: whose rows an
     * unmerge of this profile takes back.
     */
    static Set<String> members(Connection c, String profileId) throws SQLException {
        Set<String> members = new LinkedHashSet<>();
        members.add(profileId);
        List<String> frontier = List.of(profileId);
        try (PreparedStatement statement = c.prepareStatement("SELECT id FROM profiles WHERE absorbed_into = ?")) {
            while (!frontier.isEmpty()) {
                List<String> next = new ArrayList<>();
                for (String id : frontier) {
                    statement.setString(1, id);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            if (members.add(rows.getString(1))) {
                                next.add(rows.getString(1));
                            }
                        }
                    }
                }
                frontier = next;
            }
        }
        return members;
    }

    private static String follow(Connection c, String profileId, String lock) throws SQLException {
        String current = profileId;
        for (int step = 0; step < MAX_CHAIN; step++) {
            Optional<String> next = absorbedInto(c, current, lock);
            if (next.isEmpty()) {
                return current;
            }
            current = next.get();
        }
        throw new StoreException("profile " + profileId + " is absorbed through more than " + MAX_CHAIN
                + " merges; the merge chain is corrupt");
    }
}
