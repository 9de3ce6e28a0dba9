package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.tailor.api.ingest.InboundRecord;

/**
 * Over random sequences of inserts, updates (often several within one clock second), polls with
 * small batches, polls that ingest breaks off midway, and restarts, the newest version imported of
 * every row is the row in the table: nothing is lost. Without overlap no version is handed over twice.
 */
class IncrementalPullProperties {

    static final LocalDateTime T0 = LocalDateTime.parse("2026-11-20T10:00:00");

    sealed interface Op permits Insert, Update, Tick, Poll, FailingPoll, Restart {
    }

    record Insert() implements Op {
    }

    record Update(int pick) implements Op {
    }

    record Tick() implements Op {
    }

    record Poll() implements Op {
    }

    record FailingPoll(int failAt) implements Op {
    }

    record Restart() implements Op {
    }

    final Map<TestDatabase, String> tables = new HashMap<>();

    @BeforeProperty
    void createTables() throws SQLException {
        for (TestDatabase db : TestDatabase.values()) {
            String table = TestDatabase.uniqueName("property");
            db.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, version int, updated_at " + db.timestamp + ")");
            tables.put(db, table);
        }
    }

    @AfterProperty
    void dropTables() throws SQLException {
        for (Map.Entry<TestDatabase, String> table : tables.entrySet()) {
            table.getKey().execute("DROP TABLE " + table.getValue());
        }
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.just(new Insert())),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 1000).map(Update::new)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Tick())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Poll())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 4).map(FailingPoll::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())));
        return op.list().ofMaxSize(30);
    }

    @Property(tries = 30)
    void withoutOverlapEveryRowArrivesOnceInItsNewestVersion(@ForAll("operations") List<Op> ops,
                                                             @ForAll @IntRange(min = 1, max = 4) int batchSize,
                                                             @ForAll TestDatabase db) throws Exception {
        // Without overlap a change must get a later timestamp than the last poll saw: the clock moves on after each poll.
        // Counted are hand-overs that completed: a failed one comes again whole, and ingest absorbs the repeat.
        List<InboundRecord> handed = run(db, ops, batchSize, 0, true);

        assertThat(versions(handed)).doesNotHaveDuplicates();
    }

    @Property(tries = 30)
    void withOverlapChangesInTheSameSecondAsThePollAreCaughtToo(@ForAll("operations") List<Op> ops,
                                                                @ForAll @IntRange(min = 1, max = 4) int batchSize,
                                                                @ForAll TestDatabase db) throws Exception {
        run(db, ops, batchSize, 1, false);
    }

    private List<InboundRecord> run(TestDatabase db, List<Op> ops, int batchSize, int overlapSeconds,
                                    boolean tickAfterPoll) throws Exception {
        String table = tables.get(db);
        db.execute("DELETE FROM " + table);
        MemoryStateStore store = new MemoryStateStore();
        CollectingSink sink = new CollectingSink();
        Map<String, Object> properties = Map.of("name", table, "table", table, "batch.size", batchSize,
                "overlap.seconds", overlapSeconds, "columns", "id:customer_id, version:attributes.version");
        JdbcConnector connector = new JdbcConnector(Configs.config(properties), db.dataSource(), store, Clock.systemUTC());
        Map<Long, Integer> rows = new TreeMap<>();
        LocalDateTime now = T0;
        try (Connection dml = db.dataSource().getConnection()) {
            for (Op op : ops) {
                if (op instanceof Insert) {
                    long id = rows.size() + 1;
                    write(dml, "INSERT INTO " + table + " (version, updated_at, id) VALUES (?, ?, ?)", 1, now, id);
                    rows.put(id, 1);
                } else if (op instanceof Update update && !rows.isEmpty()) {
                    long id = update.pick() % rows.size() + 1;
                    int version = rows.get(id) + 1;
                    write(dml, "UPDATE " + table + " SET version = ?, updated_at = ? WHERE id = ?", version, now, id);
                    rows.put(id, version);
                } else if (op instanceof Tick) {
                    now = now.plusSeconds(1);
                } else if (op instanceof Poll) {
                    connector.poll(sink);
                    now = tickAfterPoll ? now.plusSeconds(1) : now;
                } else if (op instanceof FailingPoll failing) {
                    sink.failAt = failing.failAt();
                    try {
                        connector.poll(sink);
                    } catch (PullFailedException expected) {
                        // ingest broke off; the next poll resumes
                    }
                    sink.failAt = 0;
                    now = tickAfterPoll ? now.plusSeconds(1) : now;
                } else if (op instanceof Restart) {
                    connector = new JdbcConnector(Configs.config(properties), db.dataSource(), store, Clock.systemUTC());
                }
            }
        }
        connector.poll(sink);

        Map<Long, Integer> newest = new TreeMap<>();
        for (InboundRecord record : sink.handed) {
            newest.merge((Long) record.fields().get("customer_id"),
                    ((Long) record.fields().get("attributes.version")).intValue(), Math::max);
        }
        assertThat(newest).isEqualTo(rows);
        return sink.completed;
    }

    private static void write(Connection connection, String sql, int version, LocalDateTime at, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, version);
            statement.setObject(2, at);
            statement.setLong(3, id);
            statement.executeUpdate();
        }
    }

    private static List<String> versions(List<InboundRecord> handed) {
        List<String> versions = new ArrayList<>();
        for (InboundRecord record : handed) {
            versions.add(record.fields().get("customer_id") + "@" + record.fields().get("attributes.version"));
        }
        return versions;
    }
}
