package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.store.MembershipStore;

/**
 * Current members in {@code segment_members}, the history in {@code segment_membership_changes}.
 * A change enters the history only if it altered the current members, so replaying the same
 * decision (after a crash between deciding and storing) records nothing twice.
 */
@Component(service = MembershipStore.class)
public final class JdbcMembershipStore implements MembershipStore {

    private static final int PAGE = 1000;
    private static final String HISTORY = "SELECT segment_id, profile_id, entered, changed_at FROM segment_membership_changes";

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcMembershipStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public List<MembershipChange> apply(List<MembershipChange> changes) {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return List.of();
        }
        return db.inTransaction("store " + changes.size() + " membership changes", c -> {
            List<MembershipChange> applied = new ArrayList<>();
            try (PreparedStatement enter = c.prepareStatement(dialect.insertIfNew(
                    "INSERT INTO segment_members (segment_id, profile_id, entered_at) VALUES (?, ?, ?)"));
                 PreparedStatement leave = c.prepareStatement(
                         "DELETE FROM segment_members WHERE segment_id = ? AND profile_id = ?");
                 PreparedStatement record = c.prepareStatement("INSERT INTO segment_membership_changes"
                         + " (segment_id, profile_id, entered, changed_at) VALUES (?, ?, ?, ?)")) {
                for (List<MembershipChange> chunk : chunksOfDistinctPairs(changes)) {
                    boolean[] altered = dialect.batchesInsertIfNew()
                            ? alteredInBatches(chunk, enter, leave) : alteredOneByOne(chunk, enter, leave);
                    for (int i = 0; i < chunk.size(); i++) {
                        if (altered[i]) {
                            MembershipChange change = chunk.get(i);
                            record.setString(1, change.segmentId());
                            record.setString(2, change.profileId());
                            record.setBoolean(3, change.entered());
                            dialect.setInstant(record, 4, change.at());
                            record.addBatch();
                            applied.add(change);
                        }
                    }
                    record.executeBatch();
                }
            }
            return applied;
        });
    }

    /**
     * Consecutive chunks in which each (segment, profile) pair occurs once, so that the entries and
     * the leaves of a chunk can go as two batches without changing what the sequence means.
     */
    private static List<List<MembershipChange>> chunksOfDistinctPairs(List<MembershipChange> changes) {
        List<List<MembershipChange>> chunks = new ArrayList<>();
        List<MembershipChange> chunk = new ArrayList<>();
        Set<List<String>> pairs = new HashSet<>();
        for (MembershipChange change : changes) {
            if (chunk.size() == PAGE || !pairs.add(List.of(change.segmentId(), change.profileId()))) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                pairs.clear();
                pairs.add(List.of(change.segmentId(), change.profileId()));
            }
            chunk.add(change);
        }
        chunks.add(chunk);
        return chunks;
    }

    /** PostgreSQL reports each batched statement's row count: 0 for a duplicate entry or a missing member. */
    private boolean[] alteredInBatches(List<MembershipChange> chunk, PreparedStatement enter, PreparedStatement leave)
            throws SQLException {
        List<Integer> entries = new ArrayList<>();
        List<Integer> leaves = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            MembershipChange change = chunk.get(i);
            if (change.entered()) {
                bindEntry(enter, change);
                enter.addBatch();
                entries.add(i);
            } else {
                bindLeave(leave, change);
                leave.addBatch();
                leaves.add(i);
            }
        }
        boolean[] altered = new boolean[chunk.size()];
        mark(altered, entries, entries.isEmpty() ? new int[0] : enter.executeBatch());
        mark(altered, leaves, leaves.isEmpty() ? new int[0] : leave.executeBatch());
        return altered;
    }

    private static void mark(boolean[] altered, List<Integer> positions, int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            altered[positions.get(i)] = counts[i] > 0;
        }
    }

    /** H2 answers a duplicate entry with an error, which would end a batch. */
    private boolean[] alteredOneByOne(List<MembershipChange> chunk, PreparedStatement enter, PreparedStatement leave)
            throws SQLException {
        boolean[] altered = new boolean[chunk.size()];
        for (int i = 0; i < chunk.size(); i++) {
            MembershipChange change = chunk.get(i);
            if (change.entered()) {
                bindEntry(enter, change);
                altered[i] = Jdbc.insertIfNew(enter);
            } else {
                bindLeave(leave, change);
                altered[i] = leave.executeUpdate() > 0;
            }
        }
        return altered;
    }

    private void bindEntry(PreparedStatement enter, MembershipChange change) throws SQLException {
        enter.setString(1, change.segmentId());
        enter.setString(2, change.profileId());
        dialect.setInstant(enter, 3, change.at());
    }

    private static void bindLeave(PreparedStatement leave, MembershipChange change) throws SQLException {
        leave.setString(1, change.segmentId());
        leave.setString(2, change.profileId());
    }

    /** Pages by profile id, so no connection is held while the visitor runs. */
    @Override
    public long forEachMember(String segmentId, Consumer<String> profileIds) {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(profileIds, "profileIds");
        long visited = 0;
        String after = "";
        while (true) {
            String from = after;
            List<String> page = db.withConnection("read members of segment " + segmentId, c -> page(c, segmentId, from));
            page.forEach(profileIds);
            visited += page.size();
            if (page.size() < PAGE) {
                return visited;
            }
            after = page.get(page.size() - 1);
        }
    }

    private static List<String> page(Connection c, String segmentId, String after) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT profile_id FROM segment_members"
                + " WHERE segment_id = ? AND profile_id > ? ORDER BY profile_id FETCH FIRST " + PAGE + " ROWS ONLY")) {
            select.setString(1, segmentId);
            select.setString(2, after);
            List<String> ids = new ArrayList<>(PAGE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    @Override
    public long size(String segmentId) {
        Objects.requireNonNull(segmentId, "segmentId");
        return db.withConnection("count members of segment " + segmentId, c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM segment_members WHERE segment_id = ?")) {
                count.setString(1, segmentId);
                return Jdbc.count(count);
            }
        });
    }

    @Override
    public Set<String> segmentsOf(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read segments of profile " + profileId, c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT segment_id FROM segment_members WHERE profile_id = ? ORDER BY segment_id")) {
                select.setString(1, profileId);
                Set<String> segments = new LinkedHashSet<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        segments.add(rows.getString(1));
                    }
                }
                return segments;
            }
        });
    }

    @Override
    public List<MembershipChange> changes(String segmentId, Instant since, int limit) {
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(since, "since");
        return db.withConnection("read membership history of segment " + segmentId, c -> {
            try (PreparedStatement select = c.prepareStatement(HISTORY + " WHERE segment_id = ? AND changed_at >= ?"
                    + " ORDER BY changed_at, seq FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY")) {
                select.setString(1, segmentId);
                dialect.setInstant(select, 2, since);
                return history(select);
            }
        });
    }

    @Override
    public List<MembershipChange> changesOf(String profileId, int limit) {
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read membership history of profile " + profileId, c -> {
            try (PreparedStatement select = c.prepareStatement(HISTORY + " WHERE profile_id = ?"
                    + " ORDER BY seq DESC FETCH FIRST " + Math.max(0, limit) + " ROWS ONLY")) {
                select.setString(1, profileId);
                return history(select);
            }
        });
    }

    private static List<MembershipChange> history(PreparedStatement select) throws SQLException {
        List<MembershipChange> changes = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                changes.add(new MembershipChange(rows.getString("segment_id"), rows.getString("profile_id"),
                        rows.getBoolean("entered"), Jdbc.getInstant(rows, "changed_at")));
            }
        }
        return changes;
    }
}
