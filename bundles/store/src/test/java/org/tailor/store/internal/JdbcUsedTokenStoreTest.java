package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcUsedTokenStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private JdbcUsedTokenStore store;

    @BeforeEach
    void open() {
        store = new JdbcUsedTokenStore(database.open());
    }

    @Test
    void aTokenIsSpentOnce() {
        assertThat(store.spent("t1")).isFalse();
        assertThat(store.spend("t1", "unsubscribe", T0, T0.plusSeconds(3600))).isTrue();
        assertThat(store.spent("t1")).isTrue();
        assertThat(store.spend("t1", "unsubscribe", T0.plusSeconds(1), T0.plusSeconds(3600))).isFalse();
        assertThat(store.spend("t2", "confirm", T0, T0.plusSeconds(10))).isTrue();
    }

    @Test
    void racingSpendersGetOneYes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<Boolean>> spenders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            spenders.add(() -> store.spend("race", "confirm", T0, T0.plusSeconds(60)));
        }
        long yes = 0;
        for (Future<Boolean> answer : pool.invokeAll(spenders)) {
            yes += answer.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(yes).isEqualTo(1);
    }

    @Test
    void expiredIdsAreForgotten() {
        store.spend("old", "confirm", T0, T0.plusSeconds(10));
        store.spend("new", "confirm", T0, T0.plusSeconds(1000));
        assertThat(store.forgetExpired(T0.plusSeconds(100))).isEqualTo(1);
        assertThat(store.spend("new", "confirm", T0, T0.plusSeconds(1000))).isFalse();
    }
}
