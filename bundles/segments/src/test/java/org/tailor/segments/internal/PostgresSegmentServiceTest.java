package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;
import static org.tailor.segments.internal.Fixtures.viewed;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.model.Profile;
import org.tailor.store.internal.PostgresTestStore;

/** The service on the PostgreSQL store with live membership off: audiences and recomputes run as SQL. */
class PostgresSegmentServiceTest {

    @TempDir
    Path directory;

    PostgresTestStore store;
    RuleSegmentService service;
    final AtomicInteger queries = new AtomicInteger();

    @BeforeEach
    void start() {
        store = PostgresTestStore.open();
        store.profiles.saveAll(List.of(profile("ann", Map.of("country", "DE")), profile("bob", Map.of("country", "DE")),
                profile("cem", Map.of("country", "FR"))));
        store.events.appendAll(List.of(viewed("ann", "outdoor", NOW.minus(Duration.ofDays(1))),
                viewed("ann", "outdoor", NOW.minus(Duration.ofDays(2))), viewed("bob", "outdoor", NOW.minus(Duration.ofDays(20)))));
        service = new RuleSegmentService(Fixtures.config(map("directory", directory.toString(), "reload.ms", 0)),
                store.profiles, store.events, new ScoringFixtures.InMemoryScoreStore(), new Fixtures.InMemoryConsentService(),
                store.membership, new Fixtures.MutableClock(NOW));
        service.bindQueryDataSource(counting(store.queryDataSource()));
    }

    @AfterEach
    void stop() {
        service.deactivate();
        store.close();
    }

    @Test
    void membersAreComputedByThePostgresQueryAndStored() {
        int before = queries.get();
        service.save("fans.seg", "country = \"DE\" and event product_viewed where category = \"outdoor\" >= 2 times within 7 days");

        assertThat(queries.get()).as("the recompute ran in PostgreSQL").isGreaterThan(before);
        assertThat(service.size("fans")).isEqualTo(1);
        assertThat(service.segmentsOf("ann")).containsExactly("fans");
        List<String> members = new ArrayList<>();
        int counted = queries.get();
        assertThat(service.forEachMember("fans", p -> members.add(p.id()))).isEqualTo(1);
        assertThat(members).containsExactly("ann");
        assertThat(queries.get()).isGreaterThan(counted);
    }

    @Test
    void aRuleSqlCannotExpressIsEvaluatedHere() {
        service.save("de.seg", "country = \"DE\"");
        service.save("both.seg", "segment \"de\" and score engagement >= 0");

        assertThat(service.size("both")).isZero();
        Profile ann = store.profiles.find("ann").orElseThrow();
        assertThat(service.isMember("de", ann)).isTrue();
    }

    /** Counts the connections asked for, so the test sees that the query path was taken. */
    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        queries.incrementAndGet();
                    }
                    return method.invoke(target, args);
                });
    }
}
