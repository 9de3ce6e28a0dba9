package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.LocatedJson.Position;

/** Lifecycle files in both forms, their load errors, and the default lifecycle shipped for the demo. NOW is 2025-06-15T12:00:00Z. */
class LifecycleTest {

    static final String TEXT = """
            # two stages
            stage vip: tier = "gold"
            stage active:
              event order within 90 days
            """;
    static final String JSON = """
            {"stages": [
              {"stage": "vip", "rule": {"attribute": "tier", "op": "eq", "value": "gold"}},
              {"stage": "active", "rule": {"event": "order", "withinDays": 90}}
            ]}
            """;

    static String textError(String text) {
        try {
            Lifecycle.Parsed parsed = RuleTextParser.parseLifecycle("lifecycle.seg", text);
            throw new AssertionError("expected an error, parsed " + parsed);
        } catch (SegmentFileException e) {
            return e.getMessage();
        }
    }

    static String jsonError(String text) {
        try {
            Lifecycle.Parsed parsed = RuleParser.parseLifecycle("lifecycle.json", text);
            throw new AssertionError("expected an error, parsed " + parsed);
        } catch (SegmentFileException e) {
            return e.getMessage();
        }
    }

    /** The default lifecycle the distribution ships. */
    static String defaultLifecycle() throws IOException {
        try (InputStream in = LifecycleTest.class.getResourceAsStream("/lifecycle.seg")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void bothFormsReadTheSameStagesInOrder() throws SegmentFileException {
        Lifecycle.Parsed text = RuleTextParser.parseLifecycle("lifecycle.seg", TEXT);
        Lifecycle.Parsed json = RuleParser.parseLifecycle("lifecycle.json", JSON);

        assertThat(text.lifecycle().names()).containsExactly("vip", "active");
        assertThat(text.lifecycle().stages().get(1).rule()).isEqualTo(ConditionKindsTest.rule("event order within 90 days"));
        assertThat(json.lifecycle()).isEqualTo(text.lifecycle());
        assertThat(text.positions()).containsExactly(new Position(2, 1), new Position(3, 1));
        assertThat(json.positions()).containsExactly(new Position(2, 3), new Position(3, 3));
        assertThat(RuleTextPrinter.print(text.lifecycle())).isEqualTo("""
                stage vip: tier = "gold"
                stage active: event order within 90 days
                """);
    }

    @Test
    void printThenParseGivesTheSameLifecycle() {
        RuleProperties.forAllSeeds(random -> {
            Lifecycle lifecycle = random.lifecycle(2);
            String text = RuleTextPrinter.print(lifecycle);
            String json = RulePrinter.print(lifecycle);
            try {
                assertThat(RuleTextParser.parseLifecycle("lifecycle.seg", text).lifecycle()).as(text).isEqualTo(lifecycle);
                assertThat(RuleParser.parseLifecycle("lifecycle.json", json).lifecycle()).as(json).isEqualTo(lifecycle);
            } catch (SegmentFileException e) {
                throw new AssertionError(e.getMessage() + " in\n" + text + "\n" + json, e);
            }
        });
    }

    @Test
    void textErrorsNameLineAndColumn() {
        assertThat(textError("# nothing yet\n")).isEqualTo("lifecycle.seg:2:1: the file has no stages; write one such as: "
                + "stage active: event order within 90 days");
        assertThat(textError("tier = \"gold\"")).isEqualTo("lifecycle.seg:1:1: expected 'stage' (as in: stage active: event order "
                + "within 90 days), found 'tier'");
        assertThat(textError("stage vip tier = \"gold\"")).isEqualTo("lifecycle.seg:1:11: expected ':' after the stage name (as in: "
                + "stage active: event order within 90 days), found 'tier'");
        assertThat(textError("stage At_Risk: a = 1")).isEqualTo("lifecycle.seg:1:7: a stage name is 1 to 64 lower-case letters, digits "
                + "and _, starting with a letter, got 'At_Risk'");
        assertThat(textError("stage none: a = 1")).isEqualTo("lifecycle.seg:1:7: 'none' is the stage of profiles no stage matches; "
                + "give this stage another name");
        assertThat(textError("stage a: x = 1\nstage a: x = 2")).isEqualTo("lifecycle.seg:2:7: stage 'a' is already defined at 1:7");
        assertThat(textError("stage a: x = 1 y = 2")).isEqualTo("lifecycle.seg:1:16: expected 'and', 'or', the next 'stage' or the end "
                + "of the file, found 'y'");
        assertThat(textError("stage a: event x >= 3 tims")).isEqualTo("lifecycle.seg:1:23: expected 'times' after the count (as in: "
                + ">= 3 times), found 'tims'");
    }

    @Test
    void jsonErrorsNameTheNodeByPositionAndPath() {
        assertThat(jsonError("{}")).isEqualTo("lifecycle.json:1:1: missing 'stages' in a lifecycle file");
        assertThat(jsonError("{\"stages\": []}")).startsWith("lifecycle.json:1:12: /stages: 'stages' needs a non-empty array of stages");
        assertThat(jsonError("{\"stage\": []}")).isEqualTo("lifecycle.json:1:2: /stage: unknown key 'stage' (did you mean 'stages'?)");
        assertThat(jsonError("{\"stages\": [{\"stage\": \"none\", \"rule\": {\"all\": []}}]}")).isEqualTo("lifecycle.json:1:23: "
                + "/stages/0/stage: 'none' is the stage of profiles no stage matches; give this stage another name");
        assertThat(jsonError("{\"stages\": [{\"stage\": \"a\", \"rule\": {\"all\": []}},\n {\"stage\": \"a\", \"rule\": {\"all\": []}}]}"))
                .isEqualTo("lifecycle.json:2:12: /stages/1/stage: stage 'a' is already defined at 1:23");
        assertThat(jsonError("{\"stages\": [{\"stage\": \"a\"}]}")).isEqualTo("lifecycle.json:1:13: /stages/0: missing 'rule' in a stage");
        assertThat(jsonError("{\"stages\": [{\"stage\": \"a\", \"rule\": {\"attribute\": \"x\", \"op\": \"equals\", \"value\": 1}}]}"))
                .isEqualTo("lifecycle.json:1:61: /stages/0/rule/op: unknown operator 'equals' (did you mean 'eq'?)");
    }

    // ---- the default lifecycle

    static String stageOf(Profile profile, Event... events) throws IOException, SegmentFileException {
        Lifecycle lifecycle = RuleTextParser.parseLifecycle("lifecycle.seg", defaultLifecycle()).lifecycle();
        EvaluationContext context = EvaluationContext.of(profile, List.of(events), NOW, new Fixtures.Lookup(Map.of(), Optional.of(lifecycle)));
        return LifecycleEvaluation.stageOf(context).orElseThrow();
    }

    static Event ago(String type, int days) {
        return event("p", type, NOW.minus(Duration.ofDays(days)), map());
    }

    @Test
    void theDefaultLifecycleStagesTheDemoProfiles() throws IOException, SegmentFileException {
        Profile newcomer = profile("p", map("signed_up_at", NOW.minus(Duration.ofDays(10))));
        Profile buyer = profile("p", map("signed_up_at", NOW.minus(Duration.ofDays(900)), "order_count", 3L));

        assertThat(stageOf(newcomer)).isEqualTo("new_subscriber");
        assertThat(stageOf(profile("p", map("signed_up_at", NOW.minus(Duration.ofDays(10)), "order_count", 1L)), ago("order", 2)))
                .as("has ordered").isEqualTo("active");
        assertThat(stageOf(buyer, ago("page_viewed", 5), ago("order", 200))).isEqualTo("re_engaged");
        assertThat(stageOf(buyer, ago("page_viewed", 5), ago("page_viewed", 100), ago("order", 200))).as("no gap").isEqualTo("active");
        assertThat(stageOf(profile("p"), ago("page_viewed", 5))).as("nothing before the gap").isEqualTo("active");
        assertThat(stageOf(buyer, ago("product_viewed", 60))).isEqualTo("active");
        assertThat(stageOf(buyer, ago("order", 200))).isEqualTo("at_risk");
        assertThat(stageOf(buyer, ago("order", 400))).isEqualTo("churned");
        assertThat(stageOf(profile("p", map("signed_up_at", NOW.minus(Duration.ofDays(100)))))).isEqualTo("none");
    }

    @Test
    void theDefaultLifecycleHasAJsonTwin() throws IOException, SegmentFileException {
        Lifecycle lifecycle = RuleTextParser.parseLifecycle("lifecycle.seg", defaultLifecycle()).lifecycle();
        assertThat(lifecycle.names()).containsExactly("new_subscriber", "re_engaged", "active", "at_risk", "churned");
        assertThat(RuleParser.parseLifecycle("lifecycle.json", RulePrinter.print(lifecycle)).lifecycle()).isEqualTo(lifecycle);
        assertThat(RuleEvaluator.windowOf(new Rule.LifecycleCondition(List.of("active")), new Fixtures.Lookup(Map.of(), Optional.of(lifecycle))))
                .as("events are fetched for the longest stage window").isEqualTo(EventWindow.ofDays(730));
    }
}
