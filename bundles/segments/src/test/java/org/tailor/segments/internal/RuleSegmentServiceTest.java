package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.order;
import static org.tailor.segments.internal.Fixtures.profile;
import static org.tailor.segments.internal.Fixtures.viewed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.ExplainStep;
import org.tailor.api.segment.ProfileCondition;
import org.tailor.segments.internal.Fixtures.InMemoryEventStore;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.Fixtures.MutableClock;

class RuleSegmentServiceTest {

    static final String BERLIN = """
            {"id": "berlin", "name": "Berliners", "description": "Lives in Berlin",
             "rule": {"attribute": "city", "op": "eq", "value": "Berlin"}}
            """;

    @TempDir
    Path directory;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final MutableClock clock = new MutableClock(NOW);
    final Fixtures.InMemoryMembershipStore membership = new Fixtures.InMemoryMembershipStore();
    final ScoringFixtures.InMemoryScoreStore scores = new ScoringFixtures.InMemoryScoreStore();
    final Fixtures.InMemoryConsentService consents = new Fixtures.InMemoryConsentService();
    final List<RuleSegmentService> started = new ArrayList<>();
    /** Each write gets a later modification time, so coarse file-system clocks cannot hide an edit. */
    Instant nextModified = Instant.parse("2025-01-01T00:00:00Z");

    @AfterEach
    void stop() {
        started.forEach(RuleSegmentService::deactivate);
    }

    RuleSegmentService start(Map<String, Object> properties) {
        RuleSegmentService service = new RuleSegmentService(Fixtures.config(properties), profiles, events, scores, consents, membership, clock);
        service.start();
        started.add(service);
        return service;
    }

    RuleSegmentService start() {
        return start(map("directory", directory.toString(), "reload.ms", 0));
    }

    void write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        nextModified = nextModified.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(nextModified));
    }

    @Test
    void loadsEveryJsonFileAtActivation() throws IOException {
        write("berlin.json", BERLIN);
        write("outdoor-fans.json", RuleParserTest.DEMO);
        write("notes.txt", "not a segment");
        write(".berlin.json.swp", "{");

        RuleSegmentService service = start();

        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("berlin", "outdoor-fans");
        assertThat(service.segment("berlin")).contains(
                new SegmentDefinition("berlin", "Berliners", "Lives in Berlin", directory.resolve("berlin.json").toString()));
        assertThat(service.segment("nope")).isEmpty();
        assertThat(service.problems()).isEmpty();
    }

    @Test
    void aCompiledConditionDecidesAndExplainsAsASegmentRuleWould() throws IOException {
        write("outdoor-fans.json", RuleParserTest.DEMO);
        Profile fan = profile("fan");
        profiles.add(fan, profile("other"));
        Instant day = NOW.minus(Duration.ofDays(1));
        events.add(viewed("fan", "outdoor", day), viewed("fan", "outdoor", day), viewed("fan", "outdoor", day));
        RuleSegmentService service = start();

        ProfileCondition condition = service.compile("pack.json:hero", "segment \"outdoor-fans\" and not country = \"FR\"");
        assertThat(condition.rule()).isEqualTo("segment \"outdoor-fans\" and not country = \"FR\"");
        assertThat(condition.test(fan)).isEqualTo(service.isMember("outdoor-fans", fan)).isTrue();
        assertThat(condition.test(profiles.find("other").orElseThrow())).isFalse();
        ExplainStep why = condition.explain(fan);
        assertThat(why.result()).isTrue();
        assertThat(why.children()).hasSize(2);
        clock.set(NOW.plus(Duration.ofDays(31)));
        assertThat(condition.test(fan)).as("decided when tested, not when compiled").isFalse();

        assertThatThrownBy(() -> service.compile("pack.json:hero", "country = "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("pack.json:hero:1:");
        assertThatThrownBy(() -> service.compile("pack.json:offer", "segment \"vip\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not loaded: [vip]");
    }

    @Test
    void theDemoSegmentEndToEnd() throws IOException {
        write("outdoor-fans.json", RuleParserTest.DEMO);
        Instant day = NOW.minus(Duration.ofDays(1));
        Profile fan = profile("fan");
        Profile buyer = profile("buyer");
        Profile browser = profile("browser");
        Profile lapsed = profile("lapsed");
        profiles.add(fan, buyer, browser, lapsed);
        for (String who : List.of("fan", "buyer", "lapsed")) {
            events.add(viewed(who, "outdoor", day), viewed(who, "outdoor", day.minus(Duration.ofDays(5))),
                    viewed(who, "outdoor", NOW.minus(Duration.ofDays(30))));
        }
        events.add(order("buyer", "outdoor", NOW.minus(Duration.ofDays(29))));
        events.add(order("lapsed", "outdoor", NOW.minus(Duration.ofDays(30)).minusSeconds(1)));
        events.add(viewed("browser", "outdoor", day), viewed("browser", "outdoor", day), viewed("browser", "kitchen", day));

        RuleSegmentService service = start();

        assertThat(service.isMember("outdoor-fans", fan)).isTrue();
        assertThat(service.isMember("outdoor-fans", buyer)).isFalse();
        assertThat(service.isMember("outdoor-fans", browser)).isFalse();
        assertThat(service.isMember("outdoor-fans", lapsed)).isTrue();

        List<String> members = new ArrayList<>();
        assertThat(service.forEachMember("outdoor-fans", p -> members.add(p.id()))).isEqualTo(2);
        assertThat(members).containsExactly("fan", "lapsed");

        clock.set(NOW.plus(Duration.ofDays(1)));
        assertThat(service.isMember("outdoor-fans", fan)).as("a day later the oldest view has left the window").isFalse();
    }

    @Test
    void fetchesEventsOncePerProfileForTheWidestWindow() throws IOException {
        write("mixed.json", """
                {"id": "mixed", "rule": {"all": [
                  {"attribute": "city", "op": "eq", "value": "Berlin"},
                  {"event": "product_viewed", "withinDays": 7},
                  {"not": {"event": "order", "withinDays": 30}},
                  {"any": [{"event": "email_opened", "atLeast": 2, "withinDays": 14}]}
                ]}}
                """);
        write("ever.json", "{\"id\": \"ever\", \"rule\": {\"any\": [{\"event\": \"order\", \"withinDays\": 3}, {\"event\": \"order\"}]}}");
        write("berlin.json", BERLIN);
        profiles.add(profile("a", map("city", "Berlin")), profile("b", map("city", "Bonn")));
        RuleSegmentService service = start();

        service.forEachMember("mixed", p -> { });
        assertThat(events.queries).containsExactly(
                new InMemoryEventStore.Query("a", NOW.minus(Duration.ofDays(30))),
                new InMemoryEventStore.Query("b", NOW.minus(Duration.ofDays(30))));

        events.queries.clear();
        service.isMember("ever", profile("a"));
        assertThat(events.queries).containsExactly(new InMemoryEventStore.Query("a", EventWindow.ALL_TIME_START));

        events.queries.clear();
        service.forEachMember("berlin", p -> { });
        assertThat(events.queries).as("attribute-only rules need no events").isEmpty();
    }

    @Test
    void forEachMemberStreamsAndCounts() throws IOException {
        write("berlin.json", BERLIN);
        profiles.add(profile("c", map("city", "Berlin")), profile("a", map("city", "Berlin")), profile("b", map("city", "Wien")));
        RuleSegmentService service = start();

        List<String> visited = new ArrayList<>();
        long count = service.forEachMember("berlin", p -> visited.add(p.id()));

        assertThat(count).isEqualTo(2);
        assertThat(visited).containsExactly("a", "c");
    }

    @Test
    void unknownSegmentsAreRefused() throws IOException {
        write("berlin.json", BERLIN);
        RuleSegmentService service = start();

        assertThatThrownBy(() -> service.isMember("nope", profile("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown segment 'nope'; loaded segments: [berlin]");
        assertThatThrownBy(() -> service.forEachMember("nope", p -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void problemsNameFileLineColumnAndReason() throws IOException {
        write("outdoor-fans.json", """
                {
                  "id": "outdoor-fans",
                  "rule": {
                    "event": "product_viewed",
                    "where": [
                      {"property": "category",
                       "op": "equals", "value": "outdoor"}
                    ]
                  }
                }
                """);
        write("vip.json", "{\"id\": \"vip\", \"rule\": {\"attribute\": \"tier\", \"op\": \"eq\"}}");
        write("wrong-name.json", "{\n  \"id\": \"berlin\", \"rule\": {\"all\": []}}");
        write("broken.json", "{\"id\": \"broken\", \"rule\": ");
        Files.write(directory.resolve("latin1.json"), "{\"id\": \"latin1\", \"name\": \"M\u00fcnchen\", \"rule\": {\"all\": []}}"
                .getBytes(StandardCharsets.ISO_8859_1));

        RuleSegmentService service = start();

        assertThat(service.problems()).containsExactly(
                "broken.json:1:26: malformed JSON: Unexpected end-of-input within/between Object entries",
                "latin1.json:1:1: the file is not valid UTF-8; save it as UTF-8",
                "outdoor-fans.json:7:14: /rule/where/0/op: unknown operator 'equals' (did you mean 'eq'?)",
                "vip.json:1:23: /rule: missing 'value' for op 'eq'",
                "wrong-name.json:2:9: id 'berlin' does not match the file name; the file of segment 'berlin' must be named berlin.json");
        assertThat(service.segments()).isEmpty();
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionUntilFixed() throws IOException {
        write("berlin.json", BERLIN);
        Profile berliner = profile("a", map("city", "Berlin"));
        Profile viennese = profile("b", map("city", "Wien"));
        RuleSegmentService service = start();
        assertThat(service.isMember("berlin", berliner)).isTrue();

        write("berlin.json", BERLIN.replace("\"eq\"", "\"equals\"").replace("Berlin\"}", "Wien\"}"));
        service.reload();

        assertThat(service.problems()).containsExactly("berlin.json:2:38: /rule/op: unknown operator 'equals' (did you mean 'eq'?)");
        assertThat(service.segment("berlin")).isPresent();
        assertThat(service.isMember("berlin", berliner)).as("still the last good rule").isTrue();
        assertThat(service.isMember("berlin", viennese)).isFalse();

        write("berlin.json", "{\"id\": \"berlin\", \"name\": \"Viennese\", \"rule\": {\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"Wien\"}}");
        service.reload();

        assertThat(service.problems()).isEmpty();
        assertThat(service.segment("berlin").orElseThrow().name()).isEqualTo("Viennese");
        assertThat(service.isMember("berlin", viennese)).isTrue();
        assertThat(service.isMember("berlin", berliner)).isFalse();

        Files.delete(directory.resolve("berlin.json"));
        service.reload();
        assertThat(service.segments()).isEmpty();
        assertThat(service.problems()).isEmpty();
    }

    @Test
    void aFileWhoseIdNoLongerMatchesKeepsServingItsLastGoodVersion() throws IOException {
        write("berlin.json", BERLIN);
        RuleSegmentService service = start();

        write("berlin.json", BERLIN.replace("\"id\": \"berlin\"", "\"id\": \"bonn\""));
        service.reload();

        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("berlin");
        assertThat(service.segment("bonn")).isEmpty();
        assertThat(service.problems()).containsExactly(
                "berlin.json:1:8: id 'bonn' does not match the file name; the file of segment 'bonn' must be named bonn.json");
    }

    @Test
    void unchangedFilesAreNotReadAgain() throws IOException {
        write("berlin.json", BERLIN);
        RuleSegmentService service = start();
        Path file = directory.resolve("berlin.json");
        FileTime modified = Files.getLastModifiedTime(file);

        // Same size and time: an edit the poll cannot see, proving it does not re-read.
        Files.writeString(file, BERLIN.replace("Berliners", "Berlinerz"));
        Files.setLastModifiedTime(file, modified);
        service.reload();
        assertThat(service.segment("berlin").orElseThrow().name()).isEqualTo("Berliners");

        Files.setLastModifiedTime(file, FileTime.from(modified.toInstant().plusSeconds(1)));
        service.reload();
        assertThat(service.segment("berlin").orElseThrow().name()).isEqualTo("Berlinerz");
    }

    @Test
    void aMissingDirectoryMeansNoSegmentsUntilItAppears() throws IOException {
        Path later = directory.resolve("later");
        RuleSegmentService service = start(map("directory", later.toString(), "reload.ms", 0));
        assertThat(service.segments()).isEmpty();
        assertThat(service.problems()).isEmpty();

        Files.createDirectories(later);
        Files.writeString(later.resolve("berlin.json"), BERLIN);
        service.reload();
        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("berlin");
    }

    @Test
    void thePollerPicksUpChangesAndStopsOnDeactivate() throws Exception {
        RuleSegmentService service = start(map("directory", directory.toString(), "reload.ms", 10));
        assertThat(service.segments()).isEmpty();

        write("berlin.json", BERLIN);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (service.segment("berlin").isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        assertThat(service.segment("berlin")).isPresent();

        service.deactivate();
        deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reloadThreadAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        assertThat(reloadThreadAlive()).isFalse();
    }

    private static boolean reloadThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("tailor-segments-reload") && t.isAlive());
    }

    @Test
    void defaultsReadFromKarafEtcAndPollEveryTwoSeconds() {
        RuleSegmentServiceConfig defaults = Fixtures.config(Map.of());
        assertThat(defaults.directory()).isEmpty();
        assertThat(defaults.reload_ms()).isEqualTo(2000);

        String before = System.getProperty("karaf.etc");
        System.setProperty("karaf.etc", directory.toString());
        try {
            RuleSegmentService service = start(map("reload.ms", 0));
            assertThat(service.directory()).isEqualTo(directory.resolve("tailor/segments"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.etc");
            } else {
                System.setProperty("karaf.etc", before);
            }
        }
    }
}
