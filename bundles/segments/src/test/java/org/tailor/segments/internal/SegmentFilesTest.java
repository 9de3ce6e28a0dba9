package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;
import static org.tailor.segments.internal.Fixtures.viewed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.segments.internal.Fixtures.InMemoryEventStore;
import org.tailor.segments.internal.Fixtures.InMemoryProfileStore;
import org.tailor.segments.internal.Fixtures.MutableClock;

/** Text segment files, segments that refer to each other, cycles, and explain through the service. */
class SegmentFilesTest {

    /** The sample segments the distribution ships, which must keep loading. */
    static final Path DISTRIBUTION_SEGMENTS = Path.of("../../distribution/src/main/resources/assembly/etc/tailor/segments");

    @TempDir
    Path directory;

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final MutableClock clock = new MutableClock(NOW);
    final Fixtures.InMemoryMembershipStore membership = new Fixtures.InMemoryMembershipStore();
    final ScoringFixtures.InMemoryScoreStore scores = new ScoringFixtures.InMemoryScoreStore();
    final Fixtures.InMemoryConsentService consents = new Fixtures.InMemoryConsentService();
    final List<RuleSegmentService> started = new ArrayList<>();
    Instant nextModified = Instant.parse("2025-01-01T00:00:00Z");

    @AfterEach
    void stop() {
        started.forEach(RuleSegmentService::deactivate);
    }

    RuleSegmentService start() {
        RuleSegmentService service = new RuleSegmentService(Fixtures.config(map("directory", directory.toString(), "reload.ms", 0)),
                profiles, events, scores, consents, membership, clock);
        started.add(service);
        return service;
    }

    void write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        nextModified = nextModified.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(nextModified));
    }

    @Test
    void theDistributionsSegmentFilesStillLoad() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(DISTRIBUTION_SEGMENTS)) {
            for (Path file : files) {
                Files.copy(file, directory.resolve(file.getFileName()));
                names.add(file.getFileName().toString());
            }
        }
        assertThat(names).contains("dach-customers.json", "outdoor-fans.json");

        RuleSegmentService service = start();

        assertThat(service.problems()).isEmpty();
        assertThat(service.segments()).extracting(SegmentDefinition::id).contains("dach-customers", "outdoor-fans");
        assertThat(service.isMember("dach-customers", profile("a", map("country", "AT")))).isTrue();
    }

    @Test
    void aTextFileIsASegmentNamedByTheFile() throws IOException {
        write("outdoor-fans.seg", """
                name "Outdoor fans"
                # views in the last 30 days, and no outdoor order
                event product_viewed where category = "outdoor" >= 3 times within 30 days
                  and no event order where category = "outdoor" within 30 days
                """);
        write("Bad Name.seg", "city = \"Berlin\"");
        write("typo.seg", "city = \"Berlin\"\n  and event product_viewed >= 3 tims");
        Profile fan = profile("fan");
        for (int days : List.of(1, 2, 3)) {
            events.add(viewed("fan", "outdoor", NOW.minus(Duration.ofDays(days))));
        }

        RuleSegmentService service = start();

        assertThat(service.segment("outdoor-fans").orElseThrow().name()).isEqualTo("Outdoor fans");
        assertThat(service.isMember("outdoor-fans", fan)).isTrue();
        assertThat(service.problems()).containsExactly(
                "Bad Name.seg:1:1: the file name must be a segment id and .seg: 1 to 64 lower-case letters, digits and '-', "
                        + "starting with a letter or digit",
                "typo.seg:2:33: expected 'times' after the count (as in: >= 3 times), found 'tims'");
    }

    @Test
    void segmentsReferToSegmentsAndTheirEventWindowsAreFetched() throws IOException {
        write("berlin.json", "{\"id\": \"berlin\", \"rule\": {\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"Berlin\"}}");
        write("browsers.seg", "event product_viewed within 60 days");
        write("berlin-browsers.seg", "segment \"berlin\" and segment \"browsers\"");
        Profile ann = profile("ann", map("city", "Berlin"));
        events.add(viewed("ann", "outdoor", NOW.minus(Duration.ofDays(45))));

        RuleSegmentService service = start();

        assertThat(service.problems()).isEmpty();
        assertThat(service.isMember("berlin-browsers", ann)).isTrue();
        assertThat(events.queries).containsExactly(new InMemoryEventStore.Query("ann", NOW.minus(Duration.ofDays(60))));
        assertThat(service.isMember("berlin-browsers", profile("bob", map("city", "Berlin")))).isFalse();
    }

    @Test
    void aReferenceToAMissingSegmentIsReportedAndFalse() throws IOException {
        write("fans.seg", "segment \"vip\" or city = \"Berlin\"");
        RuleSegmentService service = start();

        assertThat(service.problems()).containsExactly(
                "fans.seg:1:1: segment 'fans' refers to segment 'vip', which is not loaded; that condition is false until it is");
        assertThat(service.isMember("fans", profile("a", map("city", "Bonn")))).isFalse();
        assertThat(service.isMember("fans", profile("b", map("city", "Berlin")))).isTrue();

        write("vip.seg", "tier = \"gold\"");
        service.reload();
        assertThat(service.problems()).isEmpty();
        assertThat(service.isMember("fans", profile("a", map("city", "Bonn", "tier", "gold")))).isTrue();
    }

    @Test
    void anEditThatClosesACycleIsRefusedAndTheOldDefinitionsStay() throws IOException {
        write("a.seg", "segment \"b\" and city = \"Berlin\"");
        write("b.seg", "tier = \"gold\"");
        RuleSegmentService service = start();
        Profile gold = profile("g", map("city", "Berlin", "tier", "gold"));
        assertThat(service.isMember("a", gold)).isTrue();

        write("b.seg", "segment \"a\" or tier = \"silver\"");
        service.reload();

        assertThat(service.problems()).containsExactly("b.seg:1:1: segment 'b' would close a cycle of segment references "
                + "a -> b -> a; its previous definition stays active");
        assertThat(service.isMember("b", gold)).as("the old b").isTrue();
        assertThat(service.isMember("a", gold)).isTrue();

        write("b.seg", "tier = \"silver\"");
        service.reload();
        assertThat(service.problems()).isEmpty();
        assertThat(service.isMember("b", gold)).isFalse();
    }

    @Test
    void aCycleAtStartLoadsNoneOfItsSegments() throws IOException {
        write("a.json", "{\"id\": \"a\", \"rule\": {\"segment\": \"b\"}}");
        write("b.seg", "segment \"c\"");
        write("c.seg", "not segment \"a\"");
        write("self.seg", "segment \"self\"");
        write("d.seg", "segment \"a\"");
        RuleSegmentService service = start();

        assertThat(service.segments()).extracting(SegmentDefinition::id).as("d loads, its reference is false").containsExactly("d");
        assertThat(service.problems()).containsExactly(
                "a.json:1:8: segment 'a' would close a cycle of segment references a -> b -> c -> a; it is not loaded",
                "b.seg:1:1: segment 'b' would close a cycle of segment references a -> b -> c -> a; it is not loaded",
                "c.seg:1:1: segment 'c' would close a cycle of segment references a -> b -> c -> a; it is not loaded",
                "self.seg:1:1: segment 'self' would close a cycle of segment references self -> self; it is not loaded",
                "d.seg:1:1: segment 'd' refers to segment 'a', which is not loaded; that condition is false until it is");
    }

    @Test
    void explainTracesEveryConditionWithItsInputs() throws IOException {
        write("outdoor.seg", """
                country in ["DE", "AT"]
                  and event product_viewed where category = "outdoor" >= 3 times within 14 days
                  and not event order within 30 days
                """);
        Profile ann = profile("ann", map("country", "DE"));
        events.add(viewed("ann", "outdoor", NOW.minus(Duration.ofDays(2))), viewed("ann", "outdoor", NOW.minus(Duration.ofDays(3))),
                viewed("ann", "kitchen", NOW.minus(Duration.ofDays(3))));
        RuleSegmentService service = start();

        Trace trace = service.trace("outdoor", ann);

        assertThat(trace.result()).isFalse().isEqualTo(service.isMember("outdoor", ann));
        assertThat(trace.lines()).containsExactly(
                "all of: 2 of 3 hold: false",
                "  country in [\"DE\", \"AT\"]: country is \"DE\": true",
                "  event product_viewed where category = \"outdoor\" >= 3 times within 14 days: 2 times within 14 days, needed >= 3: false",
                "  not: true",
                "    event order within 30 days: 0 times within 30 days, needed >= 1: false");
    }
}
