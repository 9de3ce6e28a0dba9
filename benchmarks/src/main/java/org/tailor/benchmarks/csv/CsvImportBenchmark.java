package org.tailor.benchmarks.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.connector.csv.internal.HotFolderAccess;
import org.tailor.consent.internal.ConsentAccess;
import org.tailor.ingest.internal.RecordIngestService;
import org.tailor.store.internal.StoreAccess;

/**
 * Imports a file of customer rows through Tailor's real path (hot folder, streaming CSV, batched
 * hand-over, Hibernate Validator, identity resolution, consent, store) into PostgreSQL and into H2,
 * and has PostgreSQL {@code COPY FROM} load the same file into a plain table in the same run.
 *
 * <p>Run: {@code MAVEN_OPTS=-Xmx1g mvn -f benchmarks/pom.xml compile exec:java
 * -Dbenchmark=org.tailor.benchmarks.csv.CsvImportBenchmark -Drows=1000000}.
 */
public final class CsvImportBenchmark {

    private static final String PG = System.getProperty("url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String HEADER = "customer_id,email,first_name,last_name,city,country,birth_date,signed_up_at,"
            + "locale,time_zone,email_marketing_consent,consent_at";
    private static final String[] FIRST = {"Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hugo", "Ida", "Jonas"};
    private static final String[] LAST = {"Berger", "Huber", "Wagner", "Müller", "Schmid", "Fischer", "Weber", "Meyer"};
    private static final String[] CITIES = {"Wien", "Graz", "Berlin", "München", "Zürich", "Hamburg", "Linz", "Basel"};
    private static final String[] COUNTRIES = {"AT", "AT", "DE", "DE", "CH", "DE", "AT", "CH"};

    private CsvImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("rows", 1_000_000);
        Path work = Files.createTempDirectory("tailor-csv-bench");
        Path file = work.resolve("customers.csv");
        write(file, rows);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %d MiB, %,d customer rows, %,d bytes%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, rows, Files.size(file));
        try {
            double copy = copy(file);
            report("PostgreSQL COPY FROM", rows, copy, -1);
            Run postgres = tailor(file, work.resolve("inbox-pg"), PG, "postgres", rows);
            report("Tailor into PostgreSQL", rows, postgres.seconds(), postgres.peakHeap());
            Run h2 = tailor(file, work.resolve("inbox-h2"),
                    "jdbc:h2:file:" + work.resolve("h2/tailor") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "sa", rows);
            report("Tailor into H2", rows, h2.seconds(), h2.peakHeap());
            System.out.printf(Locale.ROOT, "Tailor into PostgreSQL / COPY: %.2fx%n", copy / postgres.seconds());
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    record Run(double seconds, long peakHeap) {
    }

    /** The whole path: the file is dropped into a hot folder and the connector polls until it is done. */
    private static Run tailor(Path file, Path inbox, String url, String user, int rows) throws Exception {
        Files.createDirectories(inbox);
        try (StoreAccess stores = StoreAccess.open(url, user, "", "bench_csv_" + ProcessHandle.current().pid(), 8)) {
            IngestService ingest = new RecordIngestService(stores.profiles, stores.events, stores.orders, stores.deadLetters,
                    ConsentAccess.ledger(stores));
            RecordSink sink = new RecordSink() {
                @Override
                public IngestResult accept(InboundRecord record) {
                    return ingest.ingest(record);
                }

                @Override
                public List<IngestResult> acceptAll(List<InboundRecord> records) {
                    return ingest.ingestAll(records);
                }
            };
            Connector connector = HotFolderAccess.connector(inbox);
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            Files.copy(file, inbox.resolve("customers.csv"));
            connector.poll(sink);
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeap();
            long profiles = stores.profiles.count();
            if (profiles != rows || !Files.exists(inbox.resolve("done/customers.csv"))) {
                throw new IllegalStateException("expected " + rows + " profiles and the file done, got " + profiles
                        + "; status " + connector.status());
            }
            return new Run(seconds, peak);
        }
    }

    private static double copy(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection(PG, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_copy_customers");
            statement.execute("CREATE TABLE bench_copy_customers (customer_id TEXT PRIMARY KEY, email TEXT UNIQUE, first_name TEXT,"
                    + " last_name TEXT, city TEXT, country TEXT, birth_date DATE, signed_up_at TIMESTAMPTZ, locale TEXT,"
                    + " time_zone TEXT, email_marketing_consent TEXT, consent_at TIMESTAMPTZ)");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_copy_customers FROM STDIN WITH (FORMAT csv, HEADER true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("DROP TABLE bench_copy_customers");
            return seconds;
        }
    }

    private static void write(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int i = 1; i <= rows; i++) {
                int k = i % 8;
                out.write(String.format(Locale.ROOT, "C%07d,customer%d@example.com,%s,%s,%s,%s,19%02d-%02d-%02d,2024-%02d-%02dT10:00:00Z,"
                                + "de-%s,Europe/Vienna,%s,2024-%02d-%02dT10:05:00Z%n",
                        i, i, FIRST[i % FIRST.length], LAST[i % LAST.length], CITIES[k], COUNTRIES[k], 50 + i % 50,
                        1 + i % 12, 1 + i % 28, 1 + i % 12, 1 + i % 28, COUNTRIES[k],
                        i % 3 == 0 ? "denied" : "granted", 1 + i % 12, 1 + i % 28));
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the heap the import needed at once. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

    private static void report(String what, int rows, double seconds, long peakHeap) {
        System.out.printf(Locale.ROOT, "%-24s %8.1f s %,10.0f rows/s%s%n", what, seconds, rows / seconds,
                peakHeap < 0 ? "" : String.format(Locale.ROOT, "   peak heap %,d MiB", peakHeap >> 20));
    }
}
