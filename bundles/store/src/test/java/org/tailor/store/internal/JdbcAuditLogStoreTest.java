package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.store.AuditLogStore;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcAuditLogStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-02-01T08:00:00.123456789Z");

    private JdbcStore db;
    private JdbcAuditLogStore log;

    @BeforeEach
    void open() {
        db = database.open();
        log = new JdbcAuditLogStore(db);
    }

    @Test
    void anEmptyChainStartsAtGenesis() {
        assertThat(log.head()).isEqualTo(new AuditLogStore.Head(0, AuditEntry.GENESIS));
        assertThat(log.forEach(1, e -> { })).isZero();
    }

    @Test
    void entriesLinkAndTheHeadFollowsTheLastOne() {
        AuditEntry first = log.append("test", "p-1", "one", T0);
        AuditEntry second = log.append("test", "p-2", "two", T0.plusSeconds(1));

        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.prevHash()).isEqualTo(AuditEntry.GENESIS);
        assertThat(first.at()).isEqualTo(database.stored(T0));
        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(log.head()).isEqualTo(new AuditLogStore.Head(2, second.hash()));
        List<AuditEntry> read = new ArrayList<>();
        log.forEach(1, read::add);
        assertThat(read).containsExactly(first, second).allMatch(AuditEntry::selfConsistent);
        List<AuditEntry> tail = new ArrayList<>();
        log.forEach(2, tail::add);
        assertThat(tail).containsExactly(second);
        assertThat(log.read(1, 1)).containsExactly(first);
        assertThat(log.read(2, 10)).containsExactly(second);
    }

    @Test
    void concurrentWritersFormOneGapFreeChain() throws Exception {
        JdbcConsentStore consent = new JdbcConsentStore(db);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    if (i % 2 == 0) {
                        log.append("test", "t" + thread, "entry " + i, T0);
                    } else {
                        consent.append(new ConsentRecord("t" + thread, ConsentRecord.EMAIL_MARKETING,
                                ConsentStatus.GRANTED, T0, "test"));
                    }
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<AuditEntry> chain = new ArrayList<>();
        log.forEach(1, chain::add);
        assertThat(chain).hasSize(100);
        String previous = AuditEntry.GENESIS;
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i).seq()).isEqualTo(i + 1);
            assertThat(chain.get(i).prevHash()).isEqualTo(previous);
            assertThat(chain.get(i).selfConsistent()).isTrue();
            previous = chain.get(i).hash();
        }
        assertThat(log.head()).isEqualTo(new AuditLogStore.Head(100, previous));
    }
}
