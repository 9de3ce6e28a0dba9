package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcOutboxStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private JdbcStore db;
    private JdbcOutboxStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcOutboxStore(db);
    }

    @Test
    void enqueueIsIdempotentOnTheKeyWhateverTheStatus() {
        OutboxEntry entry = entry("k-1", "spring", T0);
        assertThat(store.enqueue(entry)).isTrue();
        assertThat(store.enqueue(entry("k-1", "spring", T0.plusSeconds(1)))).isFalse();
        store.markSent("k-1");
        assertThat(store.enqueue(entry)).isFalse();

        assertThat(store.counts("spring")).containsExactly(Map.entry(OutboxStatus.SENT, 1L));
    }

    @Test
    void pendingIsOldestFirstLimitedAndPerCampaign() {
        store.enqueue(entry("k-3", "spring", T0.plusSeconds(2)));
        store.enqueue(entry("k-1", "spring", T0));
        store.enqueue(entry("k-2b", "spring", T0.plusSeconds(1)));
        store.enqueue(entry("k-2a", "spring", T0.plusSeconds(1)));
        store.enqueue(entry("k-x", "autumn", T0.minusSeconds(10)));

        assertThat(keys(store.pending("spring", 10))).containsExactly("k-1", "k-2a", "k-2b", "k-3");
        assertThat(keys(store.pending("spring", 2))).containsExactly("k-1", "k-2a");
        assertThat(store.pending("spring", 0)).isEmpty();
        assertThat(store.pending("winter", 10)).isEmpty();

        store.markSent("k-1");
        store.markFailed("k-2a", "550 mailbox unavailable");
        assertThat(keys(store.pending("spring", 10))).containsExactly("k-2b", "k-3");
    }

    @Test
    void pendingEntriesComeBackWhole() {
        OutboxEntry entry = entry("k-1", "spring", T0);
        store.enqueue(entry);

        OutboxEntry read = store.pending("spring", 1).get(0);
        assertThat(read.mime()).isEqualTo(entry.mime());
        assertThat(read).usingRecursiveComparison().isEqualTo(entry);
        assertThat(store.find("k-1")).get().usingRecursiveComparison().isEqualTo(entry);
        assertThat(store.find("k-2")).isEmpty();
    }

    @Test
    void onlyPendingEntriesMove() {
        store.enqueue(entry("sent", "spring", T0));
        store.enqueue(entry("failed", "spring", T0));
        store.enqueue(entry("waiting", "spring", T0));

        store.markSent("sent");
        store.markFailed("sent", "too late");
        store.markFailed("failed", "x".repeat(JdbcOutboxStore.MAX_DETAIL + 10));
        store.markSent("failed");
        store.markSent("unknown");
        store.markFailed("unknown", "nothing to mark");

        assertThat(store.counts("spring")).containsExactlyInAnyOrderEntriesOf(Map.of(
                OutboxStatus.SENT, 1L, OutboxStatus.FAILED, 1L, OutboxStatus.PENDING, 1L));
        assertThat(store.counts("autumn")).isEmpty();
        String detail = db.withConnection("read detail", c -> {
            try (var statement = c.prepareStatement("SELECT status, detail FROM outbox WHERE idempotency_key = ?")) {
                statement.setString(1, "failed");
                try (var rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getString(1) + ":" + rows.getString(2).length();
                }
            }
        });
        assertThat(detail).isEqualTo("FAILED:" + JdbcOutboxStore.MAX_DETAIL);
    }

    @Test
    void aClaimHandsEachDueEntryToOneNodeUntilItsLeaseRunsOut() {
        store.enqueue(entry("k-1", "spring", T0));
        store.enqueue(entry("k-2", "spring", T0.plusSeconds(1)));
        store.enqueue(new OutboxEntry("k-late", "spring", "p-late", "late@example.com", new byte[] {1}, OutboxStatus.PENDING,
                T0, "", T0.plus(Duration.ofHours(8))));
        Duration lease = Duration.ofMinutes(5);
        Instant now = T0.plusSeconds(2);

        assertThat(keys(store.claim("spring", "node-a", now, lease, 1))).containsExactly("k-1");
        assertThat(keys(store.claim("spring", "node-b", now, lease, 10))).as("k-1 is held; k-late is not due")
                .containsExactly("k-2");
        assertThat(store.claim("spring", "node-b", now.plusSeconds(60), lease, 10)).isEmpty();
        assertThat(store.campaignsWithDue(now.plusSeconds(60))).isEmpty();

        store.markSent("k-2");
        Instant later = now.plus(Duration.ofMinutes(6));
        assertThat(store.campaignsWithDue(later)).containsExactly("spring");
        assertThat(keys(store.claim("spring", "node-b", later, lease, 10))).as("node-a died holding k-1")
                .containsExactly("k-1");
        assertThat(store.handedOutAgain("spring")).isEqualTo(1);
        store.markSent("k-1");
        assertThat(keys(store.claim("spring", "node-a", T0.plus(Duration.ofHours(9)), lease, 10))).containsExactly("k-late");
        OutboxEntry late = store.pending("spring", 10).stream().filter(e -> e.idempotencyKey().equals("k-late")).findFirst().orElseThrow();
        assertThat(late.notBefore()).isEqualTo(T0.plus(Duration.ofHours(8)));
    }

    @Test
    void concurrentClaimersNeverGetTheSameEntry() throws Exception {
        int entries = 400;
        for (int i = 0; i < entries; i++) {
            store.enqueue(entry(String.format("k-%04d", i), "spring", T0.plusMillis(i)));
        }
        java.util.concurrent.ConcurrentHashMap<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger duplicates = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService nodes = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (int n = 0; n < 4; n++) {
                String node = "node-" + n;
                running.add(nodes.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        List<OutboxEntry> claimed = store.claim("spring", node, T0.plusSeconds(1), Duration.ofMinutes(5), 7);
                        if (claimed.isEmpty()) {
                            return null;
                        }
                        for (OutboxEntry entry : claimed) {
                            if (owners.putIfAbsent(entry.idempotencyKey(), node) != null) {
                                duplicates.incrementAndGet();
                            }
                            store.markSent(entry.idempotencyKey());
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> node : running) {
                node.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(duplicates.get()).isZero();
        assertThat(owners).hasSize(entries);
        assertThat(store.counts("spring")).containsExactly(Map.entry(OutboxStatus.SENT, (long) entries));
        assertThat(store.handedOutAgain("spring")).isZero();
    }

    @Test
    void recentEntriesAreCountedPerProfileAcrossCampaigns() {
        store.enqueue(new OutboxEntry("a1", "spring", "ann", "ann@example.com", new byte[] {1}, OutboxStatus.PENDING, T0, ""));
        store.enqueue(new OutboxEntry("a2", "summer", "ann", "ann@example.com", new byte[] {1}, OutboxStatus.PENDING,
                T0.plusSeconds(10), ""));
        store.enqueue(new OutboxEntry("a3", "autumn", "ann", "ann@example.com", new byte[] {1}, OutboxStatus.PENDING,
                T0.minus(Duration.ofDays(8)), ""));
        store.enqueue(new OutboxEntry("b1", "spring", "bob", "bob@example.com", new byte[] {1}, OutboxStatus.PENDING, T0, ""));
        store.markFailed("b1", "550");

        assertThat(store.recentPerProfile(T0.minus(Duration.ofDays(7)), java.util.Set.of()))
                .containsExactly(Map.entry("ann", 2L));
        assertThat(store.recentPerProfile(T0.minus(Duration.ofDays(7)), java.util.Set.of("summer")))
                .containsExactly(Map.entry("ann", 1L));
    }

    private static OutboxEntry entry(String key, String campaign, Instant createdAt) {
        byte[] mime = ("To: someone@example.com\r\nSubject: " + key + "\r\n\r\nHallo\r\n").getBytes(StandardCharsets.UTF_8);
        return new OutboxEntry(key, campaign, "p-" + key, "someone@example.com", mime, OutboxStatus.PENDING,
                createdAt, "");
    }

    private static List<String> keys(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::idempotencyKey).toList();
    }
}
