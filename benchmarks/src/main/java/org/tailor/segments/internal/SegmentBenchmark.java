package org.tailor.segments.internal;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.tailor.api.model.Event;
import org.tailor.api.segment.MembershipChange;

/**
 * The in-memory segment evaluator ({@link LiveMembership}) on a deterministic shop of
 * {@code -Dprofiles} profiles and about {@code -Devents} events ({@link SyntheticShop}), in one run:
 *
 * <ol>
 *   <li>full evaluation of the five-condition segment ({@link BenchmarkSegments#FIVE}) against
 *       DuckDB (in-process JDBC, the same number of threads) running the equivalent SQL on the same
 *       data loaded with its appender; both must find the same number of members;</li>
 *   <li>membership kept current from counters and wake-up instants (each hour, ingest of a batch
 *       of events and a sweep) against recomputing all 100 segments from the events;</li>
 *   <li>real-time: time from one event's arrival to updated membership of 100 segments, p50/p99;</li>
 *   <li>heap held by the profiles, events, counters and members, measured after GC.</li>
 * </ol>
 *
 * <p>Run: {@code MAVEN_OPTS=-Xmx4g mvn -f benchmarks/pom.xml compile exec:java
 * -Dbenchmark=org.tailor.segments.internal.SegmentBenchmark [-Dprofiles=1000000 -Devents=20000000
 * -Dthreads=2 -Drounds=7 -Dhours=4 -Dbatch=10000 -DrealtimeEvents=100000]}.
 */
public final class SegmentBenchmark {

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

    private SegmentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int profiles = Integer.getInteger("profiles", 1_000_000);
        long events = Long.getLong("events", 20_000_000L);
        int threads = Integer.getInteger("threads", 2);
        int rounds = Integer.getInteger("rounds", 7);
        int batch = Integer.getInteger("batch", 10_000);
        int realtime = Integer.getInteger("realtimeEvents", 100_000);
        SyntheticShop shop = new SyntheticShop(Long.getLong("seed", 42L), profiles, events, NOW);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB; %,d profiles, %,d events; %d threads%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, profiles, shop.eventCount(), threads);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            try (Statement s = duck.createStatement()) {
                s.execute("SET threads TO " + threads);
            }
            long start = System.nanoTime();
            loadDuckDb(duck, shop);
            System.out.printf(Locale.ROOT, "DuckDB loaded with its appender in %.1f s%n", seconds(start));

            long before = heapAfterGc();
            List<Segment> segments = BenchmarkSegments.all(100);
            try (LiveMembership live = new LiveMembership(SyntheticStores.profiles(shop), SyntheticStores.events(shop), threads)) {
                start = System.nanoTime();
                live.load(segments, NOW);
                System.out.printf(Locale.ROOT, "Tailor loaded (and computed 100 segments) in %.1f s: %s%n", seconds(start), live.describe());
                long held = heapAfterGc() - before;
                System.out.printf(Locale.ROOT, "heap held after GC: %,d MiB%n", held >> 20);

                fullEvaluation(live, duck, rounds);
                countersAgainstRecompute(live, shop, segments, batch, Integer.getInteger("hours", 4));
                realTime(live, shop, realtime);
            }
        }
    }

    private static void fullEvaluation(LiveMembership live, Connection duck, int rounds) throws SQLException {
        String sql = fiveSql();
        double[] tailor = new double[rounds];
        double[] duckdb = new double[rounds];
        long members = -1;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            BitSet found = live.evaluate(BenchmarkSegments.FIVE_ID, false);
            tailor[r] = seconds(start);
            start = System.nanoTime();
            long counted;
            try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                counted = rs.getLong(1);
            }
            duckdb[r] = seconds(start);
            if (found.cardinality() != counted) {
                throw new IllegalStateException("Tailor found " + found.cardinality() + " members, DuckDB " + counted);
            }
            members = counted;
        }
        System.out.printf(Locale.ROOT, "five-condition segment, %,d members (same in both), %d rounds:%n", members, rounds);
        System.out.printf(Locale.ROOT, "  Tailor columns: first %.3f s, median %.3f s, best %.3f s%n", tailor[0], median(tailor), min(tailor));
        System.out.printf(Locale.ROOT, "  DuckDB SQL:     first %.3f s, median %.3f s, best %.3f s%n", duckdb[0], median(duckdb), min(duckdb));
        System.out.printf(Locale.ROOT, "  Tailor / DuckDB (median): %.2f%n", median(tailor) / median(duckdb));
    }

    /**
     * Hour after hour, a batch of events arrives and a sweep follows: membership kept current from
     * counters and wake-up instants, against computing every segment again from the events. The
     * first hour warms the JIT; the medians of the others are reported.
     */
    private static void countersAgainstRecompute(LiveMembership live, SyntheticShop shop, List<Segment> segments, int batch,
                                                 int hours) {
        SplittableRandom random = new SplittableRandom(11);
        double[] ingest = new double[hours];
        double[] kept = new double[hours];
        double[] full = new double[hours];
        double[] fromCounters = new double[hours];
        long changes = 0;
        for (int h = 0; h < hours; h++) {
            Instant from = NOW.plus(Duration.ofHours(h));
            Instant to = from.plus(Duration.ofHours(1));
            List<Event> arrived = new ArrayList<>(batch);
            Set<String> changed = new java.util.HashSet<>();
            for (int k = 0; k < batch; k++) {
                Event e = newEvent(shop, random, "batch-" + h + "-" + k, from.plusMillis(1 + random.nextLong(3_600_000)));
                arrived.add(e);
                if (e.type().equals("order")) {
                    changed.add(e.profileId());
                }
            }
            long start = System.nanoTime();
            changes += live.onIngest(changed, arrived, to).size();
            ingest[h] = seconds(start);
            changes += live.sweep(to).size();
            kept[h] = seconds(start);

            start = System.nanoTime();
            List<BitSet> recomputed = new ArrayList<>();
            for (Segment s : segments) {
                recomputed.add(live.evaluate(s.id(), false));
            }
            full[h] = seconds(start);
            start = System.nanoTime();
            for (Segment s : segments) {
                live.evaluate(s.id(), true);
            }
            fromCounters[h] = seconds(start);
            for (int i = 0; i < segments.size(); i++) {
                if (!recomputed.get(i).equals(live.members(segments.get(i).id()))) {
                    throw new IllegalStateException("kept membership of " + segments.get(i).id() + " differs from a full recompute");
                }
            }
        }
        double[] measured = Arrays.copyOfRange(kept, 1, hours);
        System.out.printf(Locale.ROOT, "%d hours, each: %,d events ingested (one batch) then a sweep, 100 segments (%,d changes in all);"
                + " medians of hours 2-%d:%n", hours, batch, changes, hours);
        System.out.printf(Locale.ROOT, "  kept current (counters, wake-up instants): %.3f s (ingest %.3f s), first hour %.3f s%n",
                median(measured), median(Arrays.copyOfRange(ingest, 1, hours)), kept[0]);
        System.out.printf(Locale.ROOT, "  full recompute from events:               %.3f s (same members every hour)%n",
                median(Arrays.copyOfRange(full, 1, hours)));
        System.out.printf(Locale.ROOT, "  full pass reading counters:                %.3f s%n", median(Arrays.copyOfRange(fromCounters, 1, hours)));
        System.out.printf(Locale.ROOT, "  full recompute / kept current: %.0fx%n", median(Arrays.copyOfRange(full, 1, hours)) / median(measured));
    }

    private static void realTime(LiveMembership live, SyntheticShop shop, int count) {
        SplittableRandom random = new SplittableRandom(13);
        Instant at = NOW.plus(Duration.ofDays(1));
        long[] nanos = new long[count];
        long changes = 0;
        for (int k = 0; k < count; k++) {
            at = at.plusMillis(10);
            Event e = newEvent(shop, random, "rt-" + k, at);
            Set<String> changed = e.type().equals("order") ? Set.of(e.profileId()) : Set.of();
            long start = System.nanoTime();
            changes += live.onIngest(changed, List.of(e), at).size();
            nanos[k] = System.nanoTime() - start;
        }
        // The first tenth warms the JIT; the rest is measured.
        long[] measured = Arrays.copyOfRange(nanos, count / 10, count);
        Arrays.sort(measured);
        System.out.printf(Locale.ROOT, "real time, %,d single events one after another (last %,d measured), 100 segments, %,d changes:%n",
                count, measured.length, changes);
        System.out.printf(Locale.ROOT, "  arrival to updated membership: p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f ms%n",
                measured[measured.length / 2] / 1e3, measured[(int) (measured.length * 0.99)] / 1e3,
                measured[(int) (measured.length * 0.999)] / 1e3, measured[measured.length - 1] / 1e6);
    }

    private static Event newEvent(SyntheticShop shop, SplittableRandom random, String id, Instant at) {
        int i = random.nextInt(shop.profiles);
        String favourite = SyntheticShop.CATEGORIES.get(random.nextInt(SyntheticShop.CATEGORIES.size()));
        SyntheticShop.Row row = SyntheticShop.row(random, favourite, at.getEpochSecond());
        Event e = SyntheticShop.event(SyntheticShop.id(i), id, row);
        return new Event(e.id(), e.profileId(), e.type(), at, e.properties(), e.source());
    }

    /** {@link BenchmarkSegments#FIVE} in SQL: profile conditions, two windows with semi-joins, "did not" as an anti-join. */
    static String fiveSql() {
        return "SELECT count(*) FROM profiles p WHERE p.country IN ('DE', 'AT', 'CH') AND p.signed_up_at < TIMESTAMP '2026-06-01 00:00:00'"
                + " AND p.idx IN (SELECT profile FROM events WHERE type = 'product_viewed' AND category = 'outdoor'"
                + " AND ts >= " + daysBefore(30) + " GROUP BY profile HAVING count(*) >= 3)"
                + " AND p.idx IN (SELECT profile FROM events WHERE type = 'email_opened' AND ts >= " + daysBefore(14) + ")"
                + " AND p.idx NOT IN (SELECT profile FROM events WHERE type = 'order' AND ts >= " + daysBefore(30) + ")";
    }

    private static String daysBefore(int days) {
        return "TIMESTAMP '" + LocalDateTime.ofInstant(NOW.minus(Duration.ofDays(days)), ZoneOffset.UTC).toString().replace('T', ' ') + "'";
    }

    private static void loadDuckDb(Connection connection, SyntheticShop shop) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE profiles (idx INTEGER, id VARCHAR, country VARCHAR, time_zone VARCHAR, locale VARCHAR,"
                    + " signed_up_at TIMESTAMP)");
            s.execute("CREATE TABLE events (profile INTEGER, type VARCHAR, ts TIMESTAMP, page VARCHAR, category VARCHAR,"
                    + " product VARCHAR, total DECIMAL(10, 2), currency VARCHAR, campaign VARCHAR)");
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender profiles = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "profiles");
             DuckDBAppender events = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
            for (int i = 0; i < shop.profiles; i++) {
                var p = shop.profile(i);
                profiles.beginRow().append(i).append(p.id()).append((String) p.attributes().get("country"))
                        .append((String) p.attributes().get("time_zone")).append((String) p.attributes().get("locale"))
                        .appendEpochMicros(((Instant) p.attributes().get("signed_up_at")).getEpochSecond() * 1_000_000L).endRow();
                for (SyntheticShop.Row row : shop.rows(i)) {
                    events.beginRow().append(i).append(SyntheticShop.TYPES[row.type()]).appendEpochMicros(row.epochSecond() * 1_000_000L);
                    text(events, row.page());
                    text(events, row.category());
                    text(events, row.product());
                    if (row.total() == null) {
                        events.appendNull().appendNull();
                    } else {
                        events.append(row.total()).append("EUR");
                    }
                    text(events, row.campaign());
                    events.endRow();
                }
            }
        }
    }

    private static void text(DuckDBAppender appender, String value) throws SQLException {
        if (value == null) {
            appender.appendNull();
        } else {
            appender.append(value);
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
