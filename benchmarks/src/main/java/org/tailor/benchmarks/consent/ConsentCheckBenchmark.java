package org.tailor.benchmarks.consent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.consent.internal.ConsentAccess;
import org.tailor.consent.internal.ConsentLedgerService;
import org.tailor.store.internal.StoreAccess;

/**
 * Consent checks at send time: {@code -Dprofiles=1000000 -Dstore=h2|postgres -Dthreads=2 -Dseconds=20}.
 *
 * <p>Fills the real store with that many profiles (an email address each) and one consent entry each
 * (nine in ten granted), warms the check cache by checking everyone once, then measures, each for the
 * same time with the same threads over uniformly random profiles:
 * <ol>
 *   <li>Tailor's {@code check} from the cache: checks per second and latency percentiles;</li>
 *   <li>peer: a {@code ConcurrentHashMap} of precomputed booleans, the floor any in-memory cache pays;</li>
 *   <li>peer: the same check with nothing cached, reading the store every time (a few seconds).</li>
 * </ol>
 * Then time from a withdrawal to a check answering no, for random granted profiles, while the other
 * threads keep checking.
 */
public final class ConsentCheckBenchmark {

    private static final int SAMPLE_EVERY = 8;
    /** Where the answers go, so that the JIT cannot drop the checks whose result is unused. */
    private static final LongAdder CONSUMED = new LongAdder();

    public static void main(String[] args) throws Exception {
        int profiles = Integer.getInteger("profiles", 1_000_000);
        int threads = Integer.getInteger("threads", 2);
        int seconds = Integer.getInteger("seconds", 20);
        String store = System.getProperty("store", "h2");
        Path directory = Files.createTempDirectory("tailor-consent-bench");
        String url = switch (store) {
            case "h2" -> "jdbc:h2:file:" + directory.resolve("consent") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
            case "postgres" -> System.getProperty("url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            default -> throw new IllegalArgumentException("store must be h2 or postgres, not " + store);
        };
        try (StoreAccess stores = StoreAccess.open(url, store.equals("postgres") ? "postgres" : "sa", "",
                "bench_consent_" + ProcessHandle.current().pid(), 8)) {
            System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, %d profiles, %d threads, %d s, store %s%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20, profiles, threads, seconds, store);
            long start = System.nanoTime();
            fill(stores, profiles, store.equals("postgres"));
            System.out.printf(Locale.ROOT, "filled in %.1f s%n", (System.nanoTime() - start) / 1e9);

            ConsentLedgerService ledger = ConsentAccess.ledger(stores, profiles);
            Map<String, Boolean> peer = new ConcurrentHashMap<>(profiles * 2);
            start = System.nanoTime();
            for (int i = 0; i < profiles; i++) {
                String id = id(i);
                peer.put(id, ledger.check(id, ConsentRecord.EMAIL_MARKETING).allowed());
            }
            double warm = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "cold checks (cache loads from the store), 1 thread: %,.0f/s%n", profiles / warm);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "heap in use after warm-up (cache of %d people + peer map): %d MiB%n",
                    profiles, (rt.totalMemory() - rt.freeMemory()) >> 20);

            report("Tailor check, cached", measure(threads, seconds, profiles,
                    id -> ledger.check(id, ConsentRecord.EMAIL_MARKETING).allowed()));
            report("peer: ConcurrentHashMap<String,Boolean>", measure(threads, seconds, profiles, peer::get));
            ConsentLedgerService uncached = ConsentAccess.ledger(stores, 0);
            report("peer: Tailor check, no cache (store read per check)", measure(threads, Math.min(seconds, 5), profiles,
                    id -> uncached.check(id, ConsentRecord.EMAIL_MARKETING).allowed()));
            withdrawals(ledger, profiles, threads, Integer.getInteger("withdrawals", 1000));
        }
    }

    private static String id(int i) {
        return "p" + i;
    }

    /**
     * Fills profiles, email identities and consent entries with one bulk statement each: filling is not
     * what is measured, and a million rows through the stores' batches take minutes on two cores.
     * Every tenth person has withdrawn; the rest have granted.
     */
    private static void fill(StoreAccess stores, int profiles, boolean postgres) {
        String range = postgres ? "generate_series(0, " + (profiles - 1) + ") AS r(x)"
                : "SYSTEM_RANGE(0, " + (profiles - 1) + ") AS r(x)";
        String json = postgres ? "CAST('{\"first_name\":\"P' || x || '\"}' AS JSON)" : "'{\"first_name\":\"P' || x || '\"}'";
        String at = "TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00+00'";
        stores.execute("INSERT INTO profiles (id, attributes, created_at, updated_at) SELECT 'p' || x, " + json + ", "
                + at + ", " + at + " FROM " + range);
        stores.execute("INSERT INTO profile_identities (namespace, identity_value, profile_id)"
                + " SELECT 'email', 'p' || x || '@example.com', 'p' || x FROM " + range);
        stores.execute("INSERT INTO consent_records (profile_id, purpose, status, recorded_at, source)"
                + " SELECT 'p' || x, 'email_marketing', CASE WHEN MOD(x, 10) = 0 THEN 'WITHDRAWN' ELSE 'GRANTED' END, "
                + at + ", 'bench' FROM " + range);
    }

    record Result(long checks, double seconds, long[] sampledNanos) {
    }

    private static Result measure(int threads, int seconds, int profiles, Predicate<String> check) throws Exception {
        LongAdder count = new LongAdder();
        List<long[]> samples = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = new long[1 << 22];
            samples.add(mine);
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int n = 0;
                long sink = 0;
                while (System.nanoTime() < end) {
                    String id = id(random.nextInt(profiles));
                    if (n % SAMPLE_EVERY == 0 && n / SAMPLE_EVERY < mine.length - 1) {
                        long t0 = System.nanoTime();
                        sink += check.test(id) ? 1 : 0;
                        mine[1 + n / SAMPLE_EVERY] = System.nanoTime() - t0;
                        mine[0] = 1 + n / SAMPLE_EVERY;
                    } else {
                        sink += check.test(id) ? 1 : 0;
                    }
                    n++;
                }
                count.add(n);
                CONSUMED.add(sink);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long total = 0;
        for (long[] s : samples) {
            total += s[0];
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] s : samples) {
            System.arraycopy(s, 1, all, at, (int) s[0]);
            at += (int) s[0];
        }
        Arrays.sort(all);
        return new Result(count.sum(), seconds, all);
    }

    private static void report(String name, Result r) {
        System.out.printf(Locale.ROOT, "%-55s %,12.0f checks/s   p50 %,8d ns   p99 %,8d ns   p99.9 %,9d ns%n", name,
                r.checks() / r.seconds(), percentile(r.sampledNanos(), 0.50), percentile(r.sampledNanos(), 0.99),
                percentile(r.sampledNanos(), 0.999));
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** From the start of a withdrawal to the first check that says no, while other threads check everyone. */
    private static void withdrawals(ConsentLedgerService ledger, int profiles, int threads, int count) throws Exception {
        List<Thread> noise = new ArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        for (int t = 0; t < Math.max(1, threads - 1); t++) {
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    ledger.check(id(random.nextInt(profiles)), ConsentRecord.EMAIL_MARKETING);
                }
            });
            noise.add(worker);
            worker.start();
        }
        long[] toNo = new long[count];
        long[] recordOnly = new long[count];
        int laterYes = 0;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            int n;
            do {
                n = random.nextInt(profiles);
            } while (n % 10 == 0);
            String id = id(n);
            ledger.check(id, ConsentRecord.EMAIL_MARKETING);
            long t0 = System.nanoTime();
            ledger.record(new ConsentRecord(id, ConsentRecord.EMAIL_MARKETING, ConsentStatus.WITHDRAWN, Instant.now(),
                    "bench:unsubscribe"));
            long t1 = System.nanoTime();
            while (ledger.check(id, ConsentRecord.EMAIL_MARKETING).allowed()) {
                laterYes++;
            }
            toNo[i] = System.nanoTime() - t0;
            recordOnly[i] = t1 - t0;
        }
        stop.set(true);
        for (Thread worker : noise) {
            worker.join();
        }
        Arrays.sort(toNo);
        Arrays.sort(recordOnly);
        System.out.printf(Locale.ROOT, "withdrawal to no (%d withdrawals, %d other threads checking): p50 %.2f ms, p99 %.2f ms,"
                        + " max %.2f ms; of which the durable write p50 %.2f ms; yes answers after the write returned: %d%n",
                count, noise.size(), percentile(toNo, 0.5) / 1e6, percentile(toNo, 0.99) / 1e6, toNo[count - 1] / 1e6,
                percentile(recordOnly, 0.5) / 1e6, laterYes);
    }
}
