package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

/** The lifecycle file in the segments directory: loading, reloading, problems and cycles through segments. */
class LifecycleFilesTest {

    @TempDir
    Path directory;

    final InMemoryEventStore events = new InMemoryEventStore();
    final List<RuleSegmentService> started = new ArrayList<>();
    Instant nextModified = Instant.parse("2025-01-01T00:00:00Z");

    @AfterEach
    void stop() {
        started.forEach(RuleSegmentService::deactivate);
    }

    RuleSegmentService start() {
        RuleSegmentService service = new RuleSegmentService(Fixtures.config(map("directory", directory.toString(), "reload.ms", 0)),
                new InMemoryProfileStore(), events, new ScoringFixtures.InMemoryScoreStore(),
                new Fixtures.InMemoryConsentService(), new Fixtures.InMemoryMembershipStore(), new MutableClock(NOW));
        started.add(service);
        return service;
    }

    void write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        nextModified = nextModified.plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(nextModified));
    }

    static final Profile GOLD = profile("g", map("tier", "gold"));
    static final Profile SILVER = profile("s", map("tier", "silver"));

    @Test
    void segmentsTestTheStagesOfTheLifecycleFile() throws IOException {
        write("lifecycle.seg", "stage vip: tier = \"gold\"\nstage regular: tier exists\n");
        write("vips.seg", "lifecycle = \"vip\"");
        write("others.json", "{\"id\": \"others\", \"rule\": {\"lifecycle\": [\"regular\", \"none\"]}}");
        RuleSegmentService service = start();

        assertThat(service.problems()).isEmpty();
        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("others", "vips");
        assertThat(service.isMember("vips", GOLD)).isTrue();
        assertThat(service.isMember("vips", SILVER)).isFalse();
        assertThat(service.isMember("others", SILVER)).isTrue();
        assertThat(service.isMember("others", profile("x"))).isTrue();
        assertThat(service.trace("vips", SILVER).lines()).containsExactly(
                "lifecycle = \"vip\": stage is regular (first matching stage): false",
                "  stage vip: false",
                "    tier = \"gold\": tier is \"silver\": false",
                "  stage regular: true",
                "    tier exists: tier is \"silver\": true");
    }

    @Test
    void theDefaultLifecycleLoads() throws IOException {
        write("lifecycle.seg", LifecycleTest.defaultLifecycle());
        write("at-risk.seg", "lifecycle = \"at_risk\"");
        events.add(Fixtures.order("p", "outdoor", NOW.minus(Duration.ofDays(200))));
        RuleSegmentService service = start();

        assertThat(service.problems()).isEmpty();
        assertThat(service.isMember("at-risk", profile("p", map("order_count", 1L)))).isTrue();
        assertThat(events.queries).containsExactly(new InMemoryEventStore.Query("p", NOW.minus(Duration.ofDays(730))));
    }

    @Test
    void aBrokenEditKeepsThePreviousStagesAndDeletingTheFileDropsThem() throws IOException {
        write("lifecycle.seg", "stage vip: tier = \"gold\"");
        write("vips.seg", "lifecycle = \"vip\"");
        RuleSegmentService service = start();

        write("lifecycle.seg", "stage vip: tier = \"gold\"\nstage none: tier exists");
        service.reload();
        assertThat(service.problems()).containsExactly("lifecycle.seg:2:7: 'none' is the stage of profiles no stage matches; "
                + "give this stage another name");
        assertThat(service.isMember("vips", GOLD)).isTrue();

        Files.delete(directory.resolve("lifecycle.seg"));
        service.reload();
        assertThat(service.problems()).containsExactly("vips.seg:1:1: segment 'vips' tests the lifecycle stage, but no lifecycle is "
                + "loaded (lifecycle.seg or lifecycle.json); every profile's stage is none until one is");
        assertThat(service.isMember("vips", GOLD)).isFalse();
    }

    @Test
    void anEditThatClosesACycleThroughTheLifecycleIsRefused() throws IOException {
        write("lifecycle.seg", "stage vip: tier = \"gold\"");
        write("vips.seg", "lifecycle = \"vip\"");
        write("loyal.seg", "tier = \"silver\"");
        RuleSegmentService service = start();

        write("lifecycle.seg", "stage loyal: segment \"loyal\"\nstage vip: segment \"vips\" or tier = \"gold\"");
        service.reload();
        assertThat(service.problems()).containsExactly("lifecycle.seg:2:1: the lifecycle would close a cycle of references "
                + "lifecycle -> vips -> lifecycle; its previous definition stays active");
        assertThat(service.isMember("vips", GOLD)).isTrue();
        assertThat(service.isMember("vips", SILVER)).as("the old stages, without loyal").isFalse();

        write("lifecycle.seg", "stage loyal: segment \"loyal\"\nstage vip: tier = \"gold\"");
        service.reload();
        assertThat(service.problems()).isEmpty();
        assertThat(service.isMember("vips", SILVER)).as("silver is loyal now").isFalse();

        write("loyal.seg", "lifecycle = \"vip\"");
        service.reload();
        assertThat(service.problems()).as("a segment edit closing the cycle").containsExactly("loyal.seg:1:1: segment 'loyal' would "
                + "close a cycle of segment references lifecycle -> loyal -> lifecycle; its previous definition stays active");
        assertThat(service.isMember("loyal", SILVER)).isTrue();
    }

    @Test
    void aLifecycleThatTestsItselfIsNotLoaded() throws IOException {
        write("lifecycle.seg", "stage a: tier = \"gold\"\nstage b: lifecycle = \"a\"");
        RuleSegmentService service = start();

        assertThat(service.problems()).containsExactly("lifecycle.seg:2:1: the lifecycle would close a cycle of references "
                + "lifecycle -> lifecycle; it is not loaded");
    }

    @Test
    void problemsNameUnknownStagesSegmentsAndASecondFile() throws IOException {
        write("lifecycle.json", "{\"stages\": [{\"stage\": \"vip\", \"rule\": {\"segment\": \"gold\"}}]}");
        write("lifecycle.seg", "stage vip: tier = \"gold\"");
        write("odd.seg", "lifecycle in [\"vip\", \"at_risk\", \"none\"]");
        RuleSegmentService service = start();

        assertThat(service.problems()).containsExactly(
                "lifecycle.seg:1:1: the lifecycle is already defined in lifecycle.json; this file is ignored",
                "odd.seg:1:1: segment 'odd' tests lifecycle stage 'at_risk', which lifecycle.json does not define (its stages: vip, none)",
                "lifecycle.json:1:13: stage 'vip' refers to segment 'gold', which is not loaded; that condition is false until it is");
        assertThat(service.segments()).extracting(SegmentDefinition::id).containsExactly("odd");
    }

    @Test
    void theFileThatServedKeepsServingWhenATwinAppears() throws IOException {
        write("lifecycle.seg", "stage vip: tier = \"gold\"");
        write("vips.seg", "lifecycle = \"vip\"");
        RuleSegmentService service = start();

        write("lifecycle.json", "{\"stages\": [{\"stage\": \"vip\", \"rule\": {\"attribute\": \"tier\", \"op\": \"eq\", \"value\": \"silver\"}}]}");
        service.reload();
        assertThat(service.problems()).containsExactly("lifecycle.json:1:1: the lifecycle is already defined in lifecycle.seg; "
                + "this file is ignored");
        assertThat(service.isMember("vips", GOLD)).isTrue();
    }

    @Test
    void lifecycleIsNoSegmentId() throws IOException {
        write("x.json", "{\"id\": \"lifecycle\", \"rule\": {\"all\": []}}");
        write("y.seg", "segment \"lifecycle\"");
        RuleSegmentService service = start();

        assertThat(service.segments()).isEmpty();
        assertThat(service.problems()).containsExactly(
                "x.json:1:8: id 'lifecycle' does not match the file name; the file of segment 'lifecycle' must be named lifecycle.json",
                "y.seg:1:9: no segment is called \"lifecycle\"; to test the lifecycle stage write: lifecycle = \"active\"");
    }
}
