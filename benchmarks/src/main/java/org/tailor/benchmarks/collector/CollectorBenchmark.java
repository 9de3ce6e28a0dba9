package org.tailor.benchmarks.collector;

import org.tailor.api.ingest.IngestService;
import org.tailor.consent.internal.ConsentAccess;
import org.tailor.ingest.internal.RecordIngestService;
import org.tailor.store.internal.StoreAccess;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.tailor.api.consent.ConsentDecision;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.connector.collector.internal.BenchmarkAccess;

/**
 * Sustained events per second over loopback: clients post batches of 100 track calls (the
 * analytics-java shape, key in the Basic header) to the collector, which parses, maps, validates
 * and stores each event durably; and, in the same run and the same Jetty server, to a servlet
 * that reads the body and answers an empty 200 — the ceiling HTTP alone allows on this machine.
 * Also: parsing and mapping alone, in process, one thread.
 *
 * <p>System properties: {@code threads} (4), {@code warmup} seconds (5), {@code seconds} (20), {@code batch} (100),
 * {@code store} ({@code h2}, {@code h2-sync} or {@code postgres}; {@code url} for another PostgreSQL).
 */
public final class CollectorBenchmark {

    static final String KEY = "wk_benchmark_8d1f6a2b";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString((KEY + ":").getBytes(UTF_8));

    private CollectorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.getInteger("threads", 4);
        int warmup = Integer.getInteger("warmup", 5);
        int seconds = Integer.getInteger("seconds", 20);
        int batch = Integer.getInteger("batch", 100);
        String store = System.getProperty("store", "h2");
        Path directory = Files.createTempDirectory("tailor-collector-bench");
        String url = switch (store) {
            // The options Tailor's store bundle opens its embedded H2 with: commits reach the file within H2's write delay.
            case "h2" -> "jdbc:h2:file:" + directory.resolve("events") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
            // Every commit written to the file before it returns.
            case "h2-mem" -> "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
            case "h2-sync" -> "jdbc:h2:file:" + directory.resolve("events") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
            // Production's database, synchronous_commit as configured (on by default: fsync at each commit).
            case "postgres" -> System.getProperty("url", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            default -> throw new IllegalArgumentException("store must be h2, h2-sync or postgres, not " + store);
        };
        // Tailor's real ingest over its real store: validation, identity resolution, durable events.
        StoreAccess stores = StoreAccess.open(url, store.equals("postgres") ? "postgres" : "sa", "",
                "bench_collector_" + ProcessHandle.current().pid(), 8);
        IngestService ingest = new RecordIngestService(stores.profiles, stores.events, stores.orders, stores.deadLetters,
                ConsentAccess.ledger(stores));

        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(BenchmarkAccess.collector(ingest, new NoConsent(), "bench", KEY)),
                "/tailor/collect/*");
        context.addServlet(new ServletHolder(new Empty200()), "/empty/*");
        StoreAccess memoryStores = StoreAccess.open("jdbc:h2:mem:bench_memory;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "", "", 8);
        IngestService memory = new RecordIngestService(memoryStores.profiles, memoryStores.events, memoryStores.orders,
                memoryStores.deadLetters, ConsentAccess.ledger(memoryStores));
        context.addServlet(new ServletHolder(BenchmarkAccess.collector(memory, new NoConsent(), "bench", KEY)),
                "/memory/*");
        server.setHandler(context);
        server.start();
        String base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        try {
            System.out.printf(Locale.ROOT, "java %s, %d cores, %d client threads, batches of %d, %d s warm-up + %d s measured,"
                    + " store %s%n", System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), threads,
                    batch, warmup, seconds, store);
            Load empty = new Load(base + "/empty/v1/batch", threads, batch);
            Load inMemory = new Load(base + "/memory/v1/batch", threads, batch);
            Load collector = new Load(base + "/tailor/collect/v1/batch", threads, batch);
            empty.run(warmup);
            inMemory.run(warmup);
            collector.run(warmup);
            String loadBefore = loadAverage();
            Result emptyResult = empty.run(seconds);
            Result memoryResult = inMemory.run(seconds);
            long before = stores.events.count();
            Result collectorResult = collector.run(seconds);
            long stored = stores.events.count() - before;
            double mapRate = parseAndMap(batch, seconds / 2);
            double emptyRate = emptyResult.rate();
            double memoryRate = memoryResult.rate();
            double collectorRate = collectorResult.rate();

            System.out.printf(Locale.ROOT, "load average before / after: %s / %s%n", loadBefore, loadAverage());
            System.out.printf(Locale.ROOT, "empty 200           : %,12.0f events/s, %6.1f us CPU per event (this JVM: client + server)%n",
                    emptyRate, emptyResult.cpuMicrosPerEvent());
            System.out.printf(Locale.ROOT, "collector, in memory: %,12.0f events/s, %6.1f us CPU per event (the same ingest over in-memory H2;"
                    + " %.3f of empty)%n", memoryRate, memoryResult.cpuMicrosPerEvent(), memoryRate / emptyRate);
            System.out.printf(Locale.ROOT, "collector + %-8s: %,12.0f events/s, %6.1f us CPU per event in this JVM (%,d events"
                    + " stored in the measured run)%n", store, collectorRate, collectorResult.cpuMicrosPerEvent(), stored);
            System.out.printf(Locale.ROOT, "collector + store / empty: %.4f%n", collectorRate / emptyRate);
            System.out.printf(Locale.ROOT, "parse + map only    : %,12.0f events/s (1 thread, in process)%n", mapRate);
        } finally {
            server.stop();
            stores.close();
            memoryStores.close();
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** Events per second, and CPU time this JVM spent per event (clients and server together). */
    record Result(double rate, double cpuMicrosPerEvent) {
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Other work on the machine shows here; a run next to busy builds is slower than the machine can do. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    static double parseAndMap(int batch, int seconds) throws Exception {
        Bodies bodies = new Bodies(99, batch);
        long end = System.nanoTime() + Duration.ofSeconds(Math.max(1, seconds)).toNanos();
        long start = System.nanoTime();
        long events = 0;
        while (System.nanoTime() < end) {
            events += BenchmarkAccess.parseAndMap(bodies.next(), "bench");
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    /** Batch bodies with fresh messageIds, over a pool of 10,000 users per client thread. */
    static final class Bodies {
        private final int thread;
        private final int batch;
        private long sequence;

        Bodies(int thread, int batch) {
            this.thread = thread;
            this.batch = batch;
        }

        byte[] next() {
            StringBuilder json = new StringBuilder(batch * 330).append("{\"sentAt\":\"").append(Instant.now())
                    .append("\",\"batch\":[");
            for (int i = 0; i < batch; i++) {
                long n = sequence++;
                if (i > 0) {
                    json.append(',');
                }
                json.append("{\"type\":\"track\",\"event\":\"Product Viewed\",\"userId\":\"user-").append(thread).append('-')
                        .append(n % 10_000).append("\",\"messageId\":\"m-").append(thread).append('-').append(n)
                        .append("\",\"timestamp\":\"2026-11-23T10:00:00.000Z\",\"properties\":{\"sku\":\"SKU-")
                        .append(n % 500).append("\",\"price\":19.99,\"currency\":\"EUR\",\"category\":\"shoes\",\"position\":")
                        .append(i).append("},\"context\":{\"library\":{\"name\":\"analytics-java\",\"version\":\"3.5.4\"}}}");
            }
            return json.append("]}").toString().getBytes(UTF_8);
        }
    }

    /** Client threads posting batches back to back to one URL. */
    static final class Load {
        // Each Load has its own bodies, whose messageIds never repeat: nothing is deduplicated away.
        private final String url;
        private final int threads;
        private final int batch;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final List<Bodies> bodies = new ArrayList<>();

        Load(String url, int threads, int batch) {
            this.url = url;
            this.threads = threads;
            this.batch = batch;
            for (int t = 0; t < threads; t++) {
                bodies.add(new Bodies(t + 1000 * (url.contains("empty") ? 1 : url.contains("memory") ? 2 : 0), batch));
            }
        }

        Result run(int seconds) throws Exception {
            AtomicLong events = new AtomicLong();
            long cpuStart = processCpuNanos();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    Bodies mine = bodies.get(t);
                    running.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(mine.next())).build();
                            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
                            }
                            events.addAndGet(batch);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuStart;
            return new Result(events.get() / elapsed, cpu / 1e3 / Math.max(1, events.get()));
        }
    }

    /** Reads the body, as any real endpoint must, and answers 200 with nothing. */
    static final class Empty200 extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try (InputStream in = request.getInputStream()) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            response.setStatus(200);
            response.setContentLength(0);
        }
    }

    /** The benchmark sends no Sec-GPC header, so consent is never asked. */
    static final class NoConsent implements ConsentService {
        @Override
        public ConsentDecision check(String profileId, String purpose) {
            return ConsentDecision.deny("benchmark");
        }

        @Override
        public void record(ConsentRecord record) {
            throw new UnsupportedOperationException("no GPC in the benchmark");
        }

        @Override
        public List<ConsentRecord> history(String profileId) {
            return List.of();
        }
    }
}
