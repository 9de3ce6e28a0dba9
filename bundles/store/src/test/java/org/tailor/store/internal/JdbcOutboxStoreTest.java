package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

    private static OutboxEntry entry(String key, String campaign, Instant createdAt) {
        byte[] mime = ("To: someone@example.com\r\nSubject: " + key + "\r\n\r\nHallo\r\n").getBytes(StandardCharsets.UTF_8);
        return new OutboxEntry(key, campaign, "p-" + key, "someone@example.com", mime, OutboxStatus.PENDING,
                createdAt, "");
    }

    private static List<String> keys(List<OutboxEntry> entries) {
        return entries.stream().map(OutboxEntry::idempotencyKey).toList();
    }
}
