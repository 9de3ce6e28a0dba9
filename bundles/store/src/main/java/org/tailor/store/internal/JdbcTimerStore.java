package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.store.TimerStore;

/**
 * Trigger timers in table {@code trigger_timers}, keyed by timer key.
 *
 * <p>Claiming differs by database. PostgreSQL picks the due rows with {@code FOR UPDATE SKIP
 * LOCKED} and claims them in the same statement, so concurrent pollers on several nodes take
 * disjoint rows without waiting for each other. H2 is embedded, so its pollers are all in one
 * JVM: it reads candidates and claims each with a conditional UPDATE that only succeeds while the
 * row is still free; a poller that loses the race to another simply does not get that row.
 */
@Component(service = TimerStore.class)
public final class JdbcTimerStore implements TimerStore {

    static final int MAX_KEY = 128;
    static final int MAX_CAUSE = 255;
    static final int MAX_DETAIL = 4000;

    private static final String PENDING = TimerStatus.PENDING.name();
    private static final String COLUMNS = "timer_key, trigger_id, profile_id, cause, started_at, due_at, trigger_version,"
            + " status, attempts, claimed_by, lease_until, detail";
    /** A row no node holds: never claimed, given back, or its node's lease ended before the instant bound here. */
    private static final String FREE = "(lease_until IS NULL OR lease_until < ?)";
    private static final Comparator<TriggerTimer> DUE_ORDER = Comparator.comparing(TriggerTimer::dueAt)
            .thenComparing(TriggerTimer::key);

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcTimerStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public boolean schedule(TriggerTimer timer) {
        Objects.requireNonNull(timer, "timer");
        if (timer.status() != TimerStatus.PENDING) {
            throw new IllegalArgumentException("only a pending timer can be scheduled, not a " + timer.status() + " one");
        }
        checkLength("key", timer.key(), MAX_KEY);
        checkLength("cause", timer.cause(), MAX_CAUSE);
        return db.withConnection("schedule timer " + timer.key(), c -> {
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew("INSERT INTO trigger_timers ("
                    + COLUMNS + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '', NULL, ?, ?, ?)"))) {
                Instant now = Instant.now();
                insert.setString(1, timer.key());
                insert.setString(2, timer.triggerId());
                insert.setString(3, timer.profileId());
                insert.setString(4, timer.cause());
                dialect.setInstant(insert, 5, timer.startedAt());
                dialect.setInstant(insert, 6, timer.dueAt());
                insert.setInt(7, timer.triggerVersion());
                insert.setString(8, PENDING);
                insert.setString(9, truncate(timer.detail()));
                dialect.setInstant(insert, 10, now);
                dialect.setInstant(insert, 11, now);
                return Jdbc.insertIfNew(insert);
            }
        });
    }

    @Override
    public boolean reschedule(String key, Instant dueAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dueAt, "dueAt");
        return db.withConnection("reschedule timer " + key, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE trigger_timers SET due_at = ?, updated_at = ?"
                    + " WHERE timer_key = ? AND status = ?")) {
                dialect.setInstant(update, 1, dueAt);
                dialect.setInstant(update, 2, Instant.now());
                update.setString(3, key);
                update.setString(4, PENDING);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<TriggerTimer> claimDue(String node, Instant now, Duration lease, int limit) {
        checkNode(node);
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lease, "lease");
        if (limit <= 0) {
            return List.of();
        }
        Instant until = now.plus(lease);
        List<TriggerTimer> claimed = switch (dialect) {
            case POSTGRESQL -> db.inTransaction("claim due timers for " + node,
                    c -> claimSkippingLocked(c, node, now, until, limit));
            case H2 -> claimEachIfFree(node, now, until, limit);
        };
        List<TriggerTimer> ordered = new ArrayList<>(claimed);
        ordered.sort(DUE_ORDER);
        return ordered;
    }

    private List<TriggerTimer> claimSkippingLocked(Connection c, String node, Instant now, Instant until, int limit)
            throws SQLException {
        try (PreparedStatement claim = c.prepareStatement("UPDATE trigger_timers t SET claimed_by = ?, lease_until = ?,"
                + " attempts = t.attempts + 1, updated_at = ? FROM (SELECT timer_key FROM trigger_timers"
                + " WHERE status = ? AND due_at <= ? AND " + FREE + " ORDER BY due_at, timer_key"
                + " FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED) due WHERE t.timer_key = due.timer_key"
                + " RETURNING " + qualified("t"))) {
            claim.setString(1, node);
            dialect.setInstant(claim, 2, until);
            dialect.setInstant(claim, 3, now);
            claim.setString(4, PENDING);
            dialect.setInstant(claim, 5, now);
            dialect.setInstant(claim, 6, now);
            claim.setInt(7, limit);
            return read(claim);
        }
    }

    private List<TriggerTimer> claimEachIfFree(String node, Instant now, Instant until, int limit) {
        List<String> candidates = db.withConnection("find due timers", c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT timer_key FROM trigger_timers"
                    + " WHERE status = ? AND due_at <= ? AND " + FREE + " ORDER BY due_at, timer_key FETCH FIRST ? ROWS ONLY")) {
                select.setString(1, PENDING);
                dialect.setInstant(select, 2, now);
                dialect.setInstant(select, 3, now);
                select.setInt(4, limit);
                List<String> keys = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
                return keys;
            }
        });
        List<TriggerTimer> claimed = new ArrayList<>();
        for (String key : candidates) {
            claimIfFree(key, node, now, until, false).ifPresent(claimed::add);
        }
        return claimed;
    }

    @Override
    public Optional<TriggerTimer> claim(String key, String node, Instant now, Duration lease) {
        Objects.requireNonNull(key, "key");
        checkNode(node);
        return claimIfFree(key, node, now, now.plus(lease), true);
    }

    /**
     * The UPDATE's own condition decides the race: of two claimers, the second finds the row no
     * longer free (its WHERE is evaluated again on the row the first committed) and claims nothing.
     */
    private Optional<TriggerTimer> claimIfFree(String key, String node, Instant now, Instant until, boolean evenIfNotDue) {
        return db.inTransaction("claim timer " + key, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE trigger_timers SET claimed_by = ?, lease_until = ?,"
                    + " attempts = attempts + 1, updated_at = ? WHERE timer_key = ? AND status = ? AND " + FREE
                    + (evenIfNotDue ? "" : " AND due_at <= ?"))) {
                update.setString(1, node);
                dialect.setInstant(update, 2, until);
                dialect.setInstant(update, 3, now);
                update.setString(4, key);
                update.setString(5, PENDING);
                dialect.setInstant(update, 6, now);
                if (!evenIfNotDue) {
                    dialect.setInstant(update, 7, now);
                }
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return find(c, key);
        });
    }

    @Override
    public boolean finish(String key, String node, TimerStatus status, String detail, Instant at) {
        Objects.requireNonNull(key, "key");
        checkNode(node);
        Objects.requireNonNull(status, "status");
        if (status == TimerStatus.PENDING) {
            throw new IllegalArgumentException("a timer is finished as FIRED, SKIPPED or CANCELLED, not PENDING");
        }
        return db.withConnection("mark timer " + key + " " + status, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE trigger_timers SET status = ?, detail = ?,"
                    + " claimed_by = '', lease_until = NULL, updated_at = ? WHERE timer_key = ? AND status = ? AND claimed_by = ?")) {
                update.setString(1, status.name());
                update.setString(2, truncate(detail == null ? "" : detail));
                dialect.setInstant(update, 3, at);
                update.setString(4, key);
                update.setString(5, PENDING);
                update.setString(6, node);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean release(String key, String node, Instant dueAt, String detail, Instant at) {
        Objects.requireNonNull(key, "key");
        checkNode(node);
        Objects.requireNonNull(dueAt, "dueAt");
        return db.withConnection("release timer " + key, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE trigger_timers SET due_at = ?, detail = ?,"
                    + " claimed_by = '', lease_until = NULL, updated_at = ? WHERE timer_key = ? AND status = ? AND claimed_by = ?")) {
                dialect.setInstant(update, 1, dueAt);
                update.setString(2, truncate(detail == null ? "" : detail));
                dialect.setInstant(update, 3, at);
                update.setString(4, key);
                update.setString(5, PENDING);
                update.setString(6, node);
                return update.executeUpdate() > 0;
            }
        });
    }

    @Override
    public boolean cancel(String triggerId, String profileId, String cause, String reason, Instant at) {
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(cause, "cause");
        return cancelWhere("cancel timer of " + triggerId + " for " + profileId, "cause = ?", reason, at,
                (statement, index) -> statement.setString(index, cause), triggerId, profileId) > 0;
    }

    @Override
    public int cancelStartedUpTo(String triggerId, String profileId, Instant until, String reason, Instant at) {
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(until, "until");
        return cancelWhere("cancel timers of " + triggerId + " for " + profileId, "started_at <= ?", reason, at,
                (statement, index) -> dialect.setInstant(statement, index, until), triggerId, profileId);
    }

    private int cancelWhere(String operation, String condition, String reason, Instant at, Jdbc.Binder<Integer> bind,
                            String triggerId, String profileId) {
        Objects.requireNonNull(at, "at");
        return db.withConnection(operation, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE trigger_timers SET status = ?, detail = ?,"
                    + " claimed_by = '', lease_until = NULL, updated_at = ?"
                    + " WHERE trigger_id = ? AND profile_id = ? AND status = ? AND " + condition)) {
                update.setString(1, TimerStatus.CANCELLED.name());
                update.setString(2, truncate(reason == null ? "" : reason));
                dialect.setInstant(update, 3, at);
                update.setString(4, triggerId);
                update.setString(5, profileId);
                update.setString(6, PENDING);
                bind.bind(update, 7);
                return update.executeUpdate();
            }
        });
    }

    @Override
    public Optional<TriggerTimer> find(String key) {
        Objects.requireNonNull(key, "key");
        return db.withConnection("read timer " + key, c -> find(c, key));
    }

    private Optional<TriggerTimer> find(Connection c, String key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_timers WHERE timer_key = ?")) {
            select.setString(1, key);
            return read(select).stream().findFirst();
        }
    }

    @Override
    public List<TriggerTimer> timersOf(String triggerId, String profileId) {
        Objects.requireNonNull(triggerId, "triggerId");
        Objects.requireNonNull(profileId, "profileId");
        return db.withConnection("read timers of " + triggerId + " for " + profileId, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM trigger_timers"
                    + " WHERE trigger_id = ? AND profile_id = ? ORDER BY started_at, timer_key")) {
                select.setString(1, triggerId);
                select.setString(2, profileId);
                return read(select);
            }
        });
    }

    @Override
    public Map<String, Map<TimerStatus, Long>> counts() {
        return db.withConnection("count timers", c -> {
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT trigger_id, status, COUNT(*) FROM trigger_timers GROUP BY trigger_id, status")) {
                Map<String, Map<TimerStatus, Long>> counts = new TreeMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counts.computeIfAbsent(rows.getString(1), id -> new EnumMap<>(TimerStatus.class))
                                .put(TimerStatus.valueOf(rows.getString(2)), rows.getLong(3));
                    }
                }
                return counts;
            }
        });
    }

    private static List<TriggerTimer> read(PreparedStatement statement) throws SQLException {
        List<TriggerTimer> timers = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                timers.add(new TriggerTimer(rows.getString("timer_key"), rows.getString("trigger_id"),
                        rows.getString("profile_id"), rows.getString("cause"), Jdbc.getInstant(rows, "started_at"),
                        Jdbc.getInstant(rows, "due_at"), rows.getInt("trigger_version"),
                        TimerStatus.valueOf(rows.getString("status")), rows.getInt("attempts"),
                        rows.getString("claimed_by"), Jdbc.getOptionalInstant(rows, "lease_until"),
                        rows.getString("detail")));
            }
        }
        return timers;
    }

    private static String qualified(String alias) {
        return String.join(", ", java.util.Arrays.stream(COLUMNS.split(",")).map(c -> alias + "." + c.strip()).toList());
    }

    private static void checkNode(String node) {
        Objects.requireNonNull(node, "node");
        if (node.isBlank()) {
            throw new IllegalArgumentException("a node id must not be blank: a blank claimer means unclaimed");
        }
        checkLength("node", node, 255);
    }

    private static void checkLength(String what, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("timer " + what + " is " + value.length() + " characters long; at most "
                    + max + " fit");
        }
    }

    private static String truncate(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL);
    }
}
