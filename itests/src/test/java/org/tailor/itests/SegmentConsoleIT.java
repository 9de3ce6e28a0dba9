package org.tailor.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.tailor.api.segment.ScoringService;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.ProfileStore;
import org.tailor.sampledata.SampleDataGenerator;

/**
 * Segments in the running distribution: stored membership follows the import as it happens (the
 * live membership was loaded before any data arrived), and the segment and score commands work.
 */
@RunWith(PaxExam.class)
public class SegmentConsoleIT extends TailorTestSupport {

    @Inject
    SegmentService segments;

    @Inject
    ScoringService scoring;

    @Inject
    ProfileStore profiles;

    @Configuration
    public Option[] config() throws IOException {
        File sample = new File(System.getProperty("tailor.itest.work", "target/itest-work"), "segments-sample");
        new SampleDataGenerator(7L, 600, LocalDate.now(ZoneOffset.UTC)).writeTo(sample.toPath());
        List<Option> options = baseOptions();
        for (String name : List.of("customers.csv", "orders.csv", "events.csv")) {
            options.add(replaceConfigurationFile("data/inbox/" + name, new File(sample, name)));
        }
        return options.toArray(new Option[0]);
    }

    @Test
    public void membershipFollowsTheImportAndTheConsoleManagesSegments() throws Exception {
        Path inbox = karafBase().resolve("data/inbox");
        await("the sample files to be imported", Duration.ofSeconds(240),
                () -> Files.exists(inbox.resolve("done/events.csv")) && Files.exists(inbox.resolve("done/orders.csv")));
        await("stored membership to match a fresh evaluation of every profile", Duration.ofSeconds(60),
                () -> segments.size("outdoor-fans") == evaluatedMembers("outdoor-fans") && segments.size("outdoor-fans") > 0);

        Path file = karafBase().resolve("data/de-buyers.seg");
        Files.writeString(file, "name \"German buyers\"\ncountry = \"DE\" and purchase order_count >= 1\n");
        String saved = executeCommand("tailor:segment-save " + file);
        assertTrue(saved, saved.contains("Saved segment de-buyers (German buyers)"));
        // The console may hold another instance of the component than this test (a configuration
        // update replaces it); every instance sees the saved file at its next poll.
        await("the saved segment to be loaded", Duration.ofSeconds(30), () -> segments.segment("de-buyers").isPresent());
        assertEquals(evaluatedMembers("de-buyers"), segments.size("de-buyers"));

        String broken = executeCommand("tailor:segment-save " + Files.writeString(karafBase().resolve("data/bad.seg"), "country = "));
        assertTrue(broken, broken.startsWith("Not saved: bad.seg:1:"));

        String list = executeCommand("tailor:segment-list");
        assertTrue(list, list.contains("Stored") && list.contains("de-buyers") && list.contains("German buyers"));
        String recomputed = executeCommand("tailor:segment-recompute de-buyers");
        assertTrue(recomputed, recomputed.contains("de-buyers") && recomputed.contains("Entered"));
        String history = executeCommand("tailor:segment-history --limit 5 de-buyers");
        assertTrue(history, history.contains("entered"));
        String snapshot = executeCommand("tailor:segment-snapshot de-buyers de-buyers-today");
        assertTrue(snapshot, snapshot.contains("Created static segment de-buyers-today"));
        await("the snapshot to be listed", Duration.ofSeconds(30), () -> segments.segment("de-buyers-today").isPresent());
        assertEquals(segments.size("de-buyers"), segments.size("de-buyers-today"));
        String members = executeCommand("tailor:segment-members --limit 3 de-buyers-today");
        assertTrue(members, members.contains(segments.size("de-buyers") + " members"));

        String scores = executeCommand("tailor:score-recompute");
        assertTrue(scores, scores.contains("rfm") && scores.contains("engagement") && scores.contains("cluster")
                && scores.contains("plan.vip_potential"));
        Path clustered = karafBase().resolve("data/clustered.seg");
        Files.writeString(clustered, "cluster in [\"Power buyers\", \"Browsers\", \"Engagers\", \"Dormant\", \"Others\","
                + " \"Category loyalists\"] and score rfm_recency >= 1\n");
        assertTrue(executeCommand("tailor:segment-save " + clustered).contains("Saved segment clustered"));
        await("buyers with an RFM score and a cluster", Duration.ofSeconds(30),
                () -> segments.segment("clustered").isPresent() && segments.size("clustered") > 0);

        String deleted = executeCommand("tailor:segment-delete de-buyers-today");
        assertTrue(deleted, deleted.contains("Deleted segment de-buyers-today"));
        await("the deleted static segment to be gone", Duration.ofSeconds(30),
                () -> segments.segment("de-buyers-today").isEmpty());
    }

    /** Members by the reference evaluator, profile by profile: what stored membership must equal. */
    private long evaluatedMembers(String segmentId) {
        AtomicLong members = new AtomicLong();
        profiles.forEach(profile -> {
            if (segments.isMember(segmentId, profile)) {
                members.incrementAndGet();
            }
        });
        return members.get();
    }
}
