package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.segment.ScoringService.ScoreDescription;
import org.tailor.api.segment.ScoringService.ScoreReport;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.Fixtures.MutableClock;
import org.tailor.segments.internal.ScoringFixtures.InMemoryScoreStore;
import org.tailor.segments.internal.ScoringFixtures.StreamingEventStore;

class StoreScoringServiceTest {

    static final String VIP = """
            {"id": "vip", "name": "VIP", "description": "Spends most",
             "inputs": [{"attribute": "lifetime_value", "weight": 1, "normalize": "minmax"}]}
            """;

    @TempDir
    Path plans;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final StreamingEventStore events = new StreamingEventStore();
    final InMemoryScoreStore scores = new InMemoryScoreStore();
    final MutableClock clock = new MutableClock(NOW);
    final List<StoreScoringService> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(StoreScoringService::deactivate);
    }

    StoreScoringService start(Map<String, Object> properties) {
        Map<String, Object> all = map("plans.directory", plans.toString(), "interval.minutes", 0);
        all.putAll(properties);
        StoreScoringService service = new StoreScoringService(ScoringFixtures.config(all), profiles, events, scores, clock);
        started.add(service);
        return service;
    }

    StoreScoringService start() {
        return start(Map.of());
    }

    /** Five buyers, b1 the most recent and frequent but the lowest value, and two who never bought. */
    void fiveBuyersAndTwoOthers() {
        for (int n = 1; n <= 5; n++) {
            profiles.add(profile("b" + n, map("last_order_at", NOW.minus(Duration.ofDays(10L * n)), "order_count", 6L - n,
                    "lifetime_value", BigDecimal.valueOf(100L * n))));
        }
        profiles.add(profile("n1"), profile("n2", map("order_count", 0L)));
    }

    @Test
    void writesEveryScoreAndReportsEach() throws IOException {
        fiveBuyersAndTwoOthers();
        events.add(event("b1", "order", NOW, Map.of()), event("n1", "email_opened", NOW.minus(Duration.ofDays(14)), Map.of()),
                event("ghost", "order", NOW, Map.of()));
        Files.writeString(plans.resolve("vip.json"), VIP);

        List<ScoreReport> reports = start().recompute();

        assertThat(reports).extracting(ScoreReport::name)
                .containsExactly("rfm_recency", "rfm_frequency", "rfm_monetary", "rfm", "engagement", "cluster", "plan.vip");
        assertThat(reports).extracting(ScoreReport::profiles).containsExactly(5L, 5L, 5L, 5L, 7L, 7L, 7L);
        assertThat(scores.replaces).allSatisfy(r -> assertThat(r.at()).isEqualTo(NOW));
        assertThat(scores.values("rfm")).containsOnlyKeys("b1", "b2", "b3", "b4", "b5");
        assertThat(scores.value("rfm_recency", "b1")).isEqualTo(BigDecimal.valueOf(5));
        assertThat(scores.value("rfm_frequency", "b1")).isEqualTo(BigDecimal.valueOf(5));
        assertThat(scores.value("rfm_monetary", "b1")).isEqualTo(BigDecimal.valueOf(1));
        assertThat(scores.value("rfm", "b1")).isEqualTo(BigDecimal.valueOf(551));
        assertThat(scores.value("rfm", "b3")).isEqualTo(BigDecimal.valueOf(333));
        assertThat(scores.value("rfm", "b5")).isEqualTo(BigDecimal.valueOf(115));
        assertThat(scores.value("engagement", "b1")).as("one order now: 5, the midpoint").isEqualTo(new BigDecimal("50.0"));
        assertThat(scores.value("engagement", "n1")).as("an open one half-life ago: 0.5").isEqualTo(new BigDecimal("9.1"));
        assertThat(scores.value("engagement", "b2")).isEqualTo(new BigDecimal("0.0"));
        assertThat(scores.values("cluster")).hasSize(7).allSatisfy((id, name) -> assertThat(name).isInstanceOf(String.class));
        assertThat(scores.value("plan.vip", "b1")).isEqualTo(new BigDecimal("0.0"));
        assertThat(scores.value("plan.vip", "b3")).isEqualTo(new BigDecimal("50.0"));
        assertThat(scores.value("plan.vip", "b5")).isEqualTo(new BigDecimal("100.0"));
        assertThat(scores.value("plan.vip", "n1")).as("missing input counts 0").isEqualTo(new BigDecimal("0.0"));
        assertThat(events.streamedSince).containsExactly(NOW.minus(Duration.ofDays(365)));
    }

    @Test
    void aRecomputeReplacesValuesSoProfilesThatStoppedQualifyingLoseThem() {
        fiveBuyersAndTwoOthers();
        StoreScoringService service = start();
        service.recompute();
        assertThat(scores.values("rfm")).containsKey("b5");

        profiles.add(profile("b5"));
        profiles.profiles.remove("n2");
        service.recompute();

        assertThat(scores.values("rfm")).containsOnlyKeys("b1", "b2", "b3", "b4");
        assertThat(scores.value("rfm", "b4")).as("quintiles over the four buyers left").isEqualTo(BigDecimal.valueOf(115));
        assertThat(scores.values("engagement")).doesNotContainKey("n2");
    }

    @Test
    void aPlanCountingFurtherBackThanTheHorizonWidensTheEventsRead() throws IOException {
        profiles.add(profile("a"), profile("b"));
        events.add(event("a", "newsletter_read", NOW.minus(Duration.ofDays(500)), Map.of()),
                event("a", "newsletter_read", NOW.minus(Duration.ofDays(800)), Map.of()));
        Files.writeString(plans.resolve("readers.json"), """
                {"id": "readers", "inputs": [{"events": "newsletter_read", "withinDays": 730, "weight": 1}]}
                """);

        start().recompute();

        assertThat(events.streamedSince).containsExactly(NOW.minus(Duration.ofDays(730)));
        assertThat(scores.value("plan.readers", "a")).isEqualTo(new BigDecimal("75.0"));
        assertThat(scores.value("plan.readers", "b")).isEqualTo(new BigDecimal("25.0"));
    }

    @Test
    void brokenPlansAreReportedAndLeaveTheirStoredValuesAlone() throws IOException {
        profiles.add(profile("a"));
        Files.writeString(plans.resolve("vip.json"), VIP);
        StoreScoringService service = start();
        service.recompute();
        assertThat(scores.values("plan.vip")).containsKey("a");

        Files.writeString(plans.resolve("vip.json"), "{\"id\": \"vip\", \"inputs\": [{\"score\": \"cluster\", \"weight\": 1}]}");
        List<ScoreReport> reports = service.recompute();

        assertThat(service.problems()).containsExactly("vip.json:1:36: /inputs/0/score: 'cluster' is a name, not a number; "
                + "a plan can use rfm, rfm_recency, rfm_frequency, rfm_monetary, engagement");
        assertThat(reports).extracting(ScoreReport::name).doesNotContain("plan.vip");
        assertThat(scores.values("plan.vip")).containsKey("a");
    }

    @Test
    void describesEveryScoreWithTheClustersOfTheLastRecompute() throws IOException {
        Files.writeString(plans.resolve("vip.json"), VIP);
        profiles.add(profile("a"));
        StoreScoringService service = start();

        assertThat(service.scores()).extracting(ScoreDescription::name)
                .containsExactly("rfm_recency", "rfm_frequency", "rfm_monetary", "rfm", "engagement", "cluster", "plan.vip");
        assertThat(describe(service, "engagement")).isEqualTo("0-100: 100*E/(E+5), E = sum of weight * 0.5^(age/14 days) over "
                + "events; weights email_opened=1, email_link_clicked=3, page_viewed=0.5, screen_viewed=0.5, product_viewed=1, order=5");
        assertThat(describe(service, "plan.vip")).isEqualTo("0-100, plan VIP: Spends most (1 inputs)");
        assertThat(describe(service, "cluster")).isEqualTo("behavioural cluster name; not computed since start");

        service.recompute();

        assertThat(describe(service, "cluster")).isEqualTo("behavioural cluster name; at " + NOW + ": Dormant (1 profiles; means: "
                + "365.0 days since activity, 0.00 events, 0.00 orders, 0.00 email opens and clicks, 0.00 views per 30 days, depth 0.00, "
                + "top category share 0.00)");
    }

    @Test
    void recomputesOnTheSchedule() {
        profiles.add(profile("a"));

        start(map("interval.minutes", 1, "start.delay.seconds", 0));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (scores.values("engagement").isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(scores.values("engagement")).containsOnlyKeys("a");
    }

    @Test
    void recomputesRunOneAtATime() {
        fiveBuyersAndTwoOthers();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        InMemoryScoreStore watching = new InMemoryScoreStore() {
            @Override
            public void replace(String name, Map<String, Object> values, Instant at) {
                if (inFlight.incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
                super.replace(name, values, at);
                inFlight.decrementAndGet();
            }
        };
        StoreScoringService service = new StoreScoringService(ScoringFixtures.config(map("interval.minutes", 0,
                "plans.directory", plans.toString())), profiles, events, watching, clock);

        List<CompletableFuture<List<ScoreReport>>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(service::recompute));
        }
        runs.forEach(CompletableFuture::join);

        assertThat(watching.replaces).hasSize(4 * 6);
        assertThat(overlaps).hasValue(0);
    }

    @Test
    void settingsOutOfRangeAreRefusedByName() {
        assertThatThrownBy(() -> start(map("engagement.weights", new String[] {"opened"})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("engagement weight 'opened'");
        assertThatThrownBy(() -> start(map("clusters", 0))).hasMessageContaining("number of clusters");
        assertThatThrownBy(() -> start(map("view.types", new String[] {"order"}))).hasMessageContaining("'order' is listed as both");
        assertThatThrownBy(() -> start(map("horizon.days", 0))).hasMessageContaining("event horizon");
        assertThatThrownBy(() -> start(map("interval.minutes", -1))).hasMessageContaining("must not be negative");
    }

    private static String describe(StoreScoringService service, String name) {
        return service.scores().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow().description();
    }
}
