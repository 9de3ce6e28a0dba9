package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.store.internal.ReliabilityStore;

/**
 * A campaign sent by node processes over the real outbox on the local PostgreSQL, each killed with
 * SIGKILL at a random moment ({@value #KILLS} times: half while it renders and writes the outbox,
 * half while it relays, after a random number of deliveries), then started again until it is done:
 * nobody may be lost, the file transport may write nobody twice, and every extra hand-over to the
 * transport must be counted as a possible duplicate. Figures go to {@code target/reliability.txt}
 * and docs/RELIABILITY.md.
 */
class KillAndRestartReliabilityTest {

    /** 4,000 in every build; docs/RELIABILITY.md records runs with -Dtailor.reliability.recipients=50000. */
    static final int RECIPIENTS = Integer.getInteger("tailor.reliability.recipients", 4_000);
    static final int KILLS = 10;

    @TempDir
    Path work;

    private String schema;

    @BeforeEach
    void schema() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("tailor.test.postgresql")), "PostgreSQL tests are switched off");
        schema = "tailor_reliability_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ReliabilityStore.createSchema(schema);
        ReliabilityNode.writeCampaign(work);
    }

    @AfterEach
    void drop() throws Exception {
        if (schema != null) {
            ReliabilityStore.dropSchema(schema);
        }
    }

    @Test
    void killingTheNodeTenTimesLosesNobodyAndCountsEveryPossibleDuplicate() throws Exception {
        Random random = new Random(20261123L);
        long started = System.nanoTime();
        int runs = 0;
        int killedRelaying = 0;
        try (ReliabilityStore store = ReliabilityStore.open(schema)) {
            for (int kill = 0; kill < KILLS; kill++) {
                Process node = start();
                if (kill % 2 == 0) {
                    node.waitFor(500 + random.nextInt(2_500), TimeUnit.MILLISECONDS);
                } else {
                    // Wait for the relay to be under way: a random number of further deliveries.
                    long target = sent(store) + 20 + random.nextInt(Math.max(1, RECIPIENTS / 10));
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    while (node.isAlive() && sent(store) < target && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                    }
                    killedRelaying += node.isAlive() ? 1 : 0;
                }
                if (node.isAlive()) {
                    node.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                }
                assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            // Entries a killed node held come back when its lease (2 s) runs out; a run may end before that.
            while (runs < 20 && store.outbox.counts(ReliabilityNode.CAMPAIGN_ID).getOrDefault(OutboxStatus.SENT, 0L) < RECIPIENTS) {
                Process node = start();
                assertThat(node.waitFor(10, TimeUnit.MINUTES)).as("a node that is left alone finishes").isTrue();
                assertThat(node.exitValue()).isZero();
                runs++;
                if (store.outbox.counts(ReliabilityNode.CAMPAIGN_ID).getOrDefault(OutboxStatus.SENT, 0L) < RECIPIENTS) {
                    Thread.sleep(2_100);
                }
            }
            Map<OutboxStatus, Long> counts = store.outbox.counts(ReliabilityNode.CAMPAIGN_ID);
            long handedOutAgain = store.outbox.handedOutAgain(ReliabilityNode.CAMPAIGN_ID);
            List<Path> files = emlFiles();
            Map<String, Integer> handOvers = journal();
            long twice = handOvers.values().stream().filter(n -> n > 1).count();
            long extra = handOvers.values().stream().mapToLong(n -> n - 1).sum();

            assertThat(counts).as("everyone sent, nobody failed").containsExactly(Map.entry(OutboxStatus.SENT, (long) RECIPIENTS));
            assertThat(files).as("one file per recipient: the file transport never writes anyone twice").hasSize(RECIPIENTS);
            assertThat(handOvers).as("every recipient was handed to the transport").hasSize(RECIPIENTS);
            assertThat(twice).as("a second hand-over happens only to an entry that was handed out again")
                    .isLessThanOrEqualTo(handedOutAgain);
            String figures = String.format("recipients %d, kills %d (%d while relaying), restarts to finish %d, lost 0, "
                            + "files written twice 0, hand-overs repeated %d (recipients %d), entries handed out again "
                            + "(reported as possible duplicates) %d, elapsed %d s%n",
                    RECIPIENTS, KILLS, killedRelaying, runs, extra, twice, handedOutAgain,
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());
            Files.writeString(Path.of("target", "reliability.txt"), figures);
            System.out.print("RELIABILITY " + figures);
        }
    }

    private static long sent(ReliabilityStore store) {
        return store.outbox.counts(ReliabilityNode.CAMPAIGN_ID).getOrDefault(OutboxStatus.SENT, 0L);
    }

    private Process start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                ReliabilityNode.class.getName(), schema, work.toString(), Integer.toString(RECIPIENTS))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("nodes.log").toFile()))
                .start();
    }

    private List<Path> emlFiles() throws IOException {
        Path folder = work.resolve("outbox").resolve(ReliabilityNode.CAMPAIGN_ID);
        try (Stream<Path> listing = Files.list(folder)) {
            return listing.filter(p -> p.toString().endsWith(".eml")).toList();
        }
    }

    private Map<String, Integer> journal() throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("journal.log"))) {
            if (!line.isBlank()) {
                counts.merge(line.strip(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
