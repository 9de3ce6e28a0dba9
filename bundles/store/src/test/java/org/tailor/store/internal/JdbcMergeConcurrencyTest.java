package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.api.model.ProfileMerge;

/**
 * Events written for a profile while it is merged and unmerged are never stranded: whatever the
 * interleaving, each ends with the profile it was addressed to once every merge is undone.
 */
@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcMergeConcurrencyTest {

    private static final Instant T0 = Instant.parse("2025-05-01T00:00:00Z");
    private static final int ROUNDS = 15;
    private static final int EVENTS_PER_WRITER = 60;

    @Parameter
    Dialect dialect;

    @TempDir
    Path dir;

    private TestDatabase database;
    private JdbcProfileStore profiles;
    private JdbcEventStore events;

    @BeforeEach
    void open() {
        database = TestDatabase.create(dialect, dir);
        JdbcStore db = database.open(Map.of("pool.size", 6));
        profiles = new JdbcProfileStore(db);
        events = new JdbcEventStore(db);
        for (String id : List.of("p-a", "p-b", "p-c")) {
            profiles.save(new Profile(id, Set.of(new Identity("email", id + "@example.com")), Map.of(), T0, T0));
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    /**
     * The race the row locks close: a merge has moved A's events and marked A absorbed but not yet
     * committed when an event for A arrives. Without the lock the event would read A as unabsorbed,
     * be stored with A and be stranded there once the merge commits.
     */
    @Test
    void anEventWrittenWhileAMergeIsInFlightReachesTheSurvivor() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection merge = dialect.dataSource(database.url(), database.user(), "").getConnection()) {
            merge.setAutoCommit(false);
            try (Statement statement = merge.createStatement()) {
                statement.executeUpdate("UPDATE events SET profile_id = 'p-b' WHERE profile_id = 'p-a'");
                statement.executeUpdate("UPDATE profiles SET absorbed_into = 'p-b' WHERE id = 'p-a'");
            }
            Future<Boolean> append = pool.submit(() -> events.append(
                    new Event("e-in-flight", "p-a", "page_viewed", T0, Map.of(), "test")));
            awaitBlockedOrDone(append);
            merge.commit();
            assertThat(append.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.eventsOf("p-b", null)).extracting(Event::id).containsExactly("e-in-flight");
        assertThat(events.eventsOf("p-a", null)).isEmpty();
    }

    /** Polls, with a deadline, until the writer waits for a row lock (or has finished, which is the bug). */
    private void awaitBlockedOrDone(Future<?> writer) throws Exception {
        String blocked = dialect == Dialect.H2
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE"
                        + " 'SELECT absorbed_into FROM profiles%'";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection watcher = dialect.dataSource(database.url(), database.user(), "").getConnection();
             Statement statement = watcher.createStatement()) {
            while (!writer.isDone() && System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery(blocked)) {
                    rows.next();
                    if (rows.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void eventsWrittenDuringMergesEndWithTheirProfile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (String writer : List.of("p-a", "p-b")) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                        events.append(new Event(writer + "-e" + i, writer, "page_viewed", T0.plusSeconds(i), Map.of(),
                                "test"));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                start.await();
                for (int round = 0; round < ROUNDS; round++) {
                    Instant at = T0.plusSeconds(round);
                    ProfileMerge first = profiles.merge("p-b", "p-a", "round " + round, at);
                    ProfileMerge second = profiles.merge("p-c", "p-b", "round " + round, at);
                    profiles.unmerge(second.id(), at);
                    profiles.unmerge(first.id(), at);
                }
                return null;
            }));
            start.countDown();
            for (Future<?> future : work) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        for (String writer : List.of("p-a", "p-b")) {
            assertThat(events.eventsOf(writer, null)).hasSize(EVENTS_PER_WRITER)
                    .allSatisfy(e -> assertThat(e.id()).startsWith(writer + "-"));
        }
        assertThat(events.eventsOf("p-c", null)).isEmpty();
        assertThat(profiles.count()).isEqualTo(3);
    }
}
