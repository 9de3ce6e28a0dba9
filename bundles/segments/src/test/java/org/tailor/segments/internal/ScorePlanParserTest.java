package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.segments.internal.ScorePlan.AttributeInput;
import org.tailor.segments.internal.ScorePlan.EventsInput;
import org.tailor.segments.internal.ScorePlan.Normalization;
import org.tailor.segments.internal.ScorePlan.Prefer;
import org.tailor.segments.internal.ScorePlan.ScoreInput;

class ScorePlanParserTest {

    static final String VIP = """
            {
              "id": "vip_potential",
              "name": "VIP potential",
              "description": "Spends, opens and comes back",
              "inputs": [
                {"attribute": "lifetime_value", "weight": 3},
                {"score": "engagement", "weight": 2, "normalize": "minmax"},
                {"events": "email_opened", "withinDays": 30, "weight": 1.5},
                {"attribute": "support_tickets", "weight": 1, "prefer": "low"}
              ]
            }
            """;

    @TempDir
    Path directory;

    static String error(String text) {
        try {
            ScorePlan plan = ScorePlanParser.parse("p.json", text).plan();
            throw new AssertionError("expected an error, parsed " + plan);
        } catch (SegmentFileException e) {
            return e.getMessage();
        }
    }

    /** A plan with one input written as given. */
    static String withInput(String input) {
        return "{\"id\": \"p\", \"inputs\": [" + input + "]}";
    }

    @Test
    void parsesEveryKindOfInput() throws Exception {
        ScorePlanParser.ParsedPlan parsed = ScorePlanParser.parse("vip_potential.json", VIP);

        assertThat(parsed.plan()).isEqualTo(new ScorePlan("vip_potential", "VIP potential", "Spends, opens and comes back", List.of(
                new AttributeInput("lifetime_value", 3, Normalization.RANK, Prefer.HIGH),
                new ScoreInput("engagement", 2, Normalization.MINMAX, Prefer.HIGH),
                new EventsInput("email_opened", 30, 1.5, Normalization.RANK, Prefer.HIGH),
                new AttributeInput("support_tickets", 1, Normalization.RANK, Prefer.LOW))));
        assertThat(parsed.plan().scoreName()).isEqualTo("plan.vip_potential");
        assertThat(parsed.idPosition()).isEqualTo(new LocatedJson.Position(2, 9));
    }

    @Test
    void theGuidesExampleParsesAndItsTypoIsReportedAsTheGuideSays() throws Exception {
        String guide = Files.readString(Path.of("../../docs/scores-guide.md"));
        String example = guide.substring(guide.indexOf("```json\n") + 8, guide.indexOf("```", guide.indexOf("```json\n") + 8));

        assertThat(ScorePlanParser.parse("vip_potential.json", example).plan().inputs()).hasSize(4);
        String typo = "vip_potential.json:7:15: /inputs/1/score: unknown score 'engagment' (did you mean 'engagement'?)";
        assertThat(guide).contains(typo);
        assertThatThrownBy(() -> ScorePlanParser.parse("vip_potential.json", example.replace("\"engagement\"", "\"engagment\"")))
                .hasMessage(typo);
    }

    @Test
    void nameDefaultsToTheId() throws Exception {
        ScorePlan plan = ScorePlanParser.parse("p.json", withInput("{\"score\": \"rfm\", \"weight\": 1}")).plan();
        assertThat(plan.name()).isEqualTo("p");
        assertThat(plan.description()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown top-level key     | {"id": "p", "input": []}                             | p.json:1:13: /input: unknown key 'input' (did you mean 'inputs'?)
            no inputs                 | {"id": "p", "inputs": []}                            | p.json:1:23: /inputs: 'inputs' needs a non-empty array of inputs like [{"attribute": "lifetime_value", "weight": 1}], got an array
            missing id                | {"inputs": [{"score": "rfm", "weight": 1}]}          | p.json:1:1: missing 'id' in a scoring plan
            id with a dash            | {"id": "vip-plan", "inputs": []}                     | p.json:1:8: /id: 'id' must be 1 to 64 lower-case letters, digits and _, starting with a letter or digit, got 'vip-plan'
            not an object             | [1]                                                  | p.json:1:1: a scoring plan must be a JSON object, got an array
            malformed                 | {"id": "p",, }                                       | p.json:1:12: malformed JSON: Unexpected character (',' (code 44)): was expecting double-quote to start field name
            """)
    void fileProblemsAreLocated(String what, String text, String expected) {
        assertThat(error(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            misspelt kind             | {"atribute": "x", "weight": 1}                       | p.json:1:25: /inputs/0/atribute: unknown key 'atribute' (did you mean 'attribute'?)
            no kind                   | {"weight": 1}                                        | p.json:1:24: /inputs/0: an input needs one of 'attribute', 'score', 'events'
            two kinds                 | {"attribute": "x", "score": "rfm", "weight": 1}      | p.json:1:43: /inputs/0/score: an input has exactly one of 'attribute', 'score', 'events', found both 'attribute' and 'score'; make them two inputs
            missing weight            | {"attribute": "x"}                                   | p.json:1:24: /inputs/0: missing 'weight' in an input
            zero weight               | {"attribute": "x", "weight": 0}                      | p.json:1:53: /inputs/0/weight: 'weight' must be a number above 0 and at most 1000000, got the number 0
            text weight               | {"attribute": "x", "weight": "2"}                    | p.json:1:53: /inputs/0/weight: 'weight' must be a number above 0 and at most 1000000, got the string "2"
            blank attribute           | {"attribute": " ", "weight": 1}                      | p.json:1:38: /inputs/0/attribute: 'attribute' must not be blank
            unknown normalization     | {"attribute": "x", "weight": 1, "normalize": "rnak"} | p.json:1:69: /inputs/0/normalize: unknown normalization 'rnak' (did you mean 'rank'?)
            unknown preference        | {"attribute": "x", "weight": 1, "prefer": "lower"}   | p.json:1:66: /inputs/0/prefer: 'prefer' must be "high" or "low", got 'lower'
            unknown score             | {"score": "engagment", "weight": 1}                  | p.json:1:34: /inputs/0/score: unknown score 'engagment' (did you mean 'engagement'?)
            cluster as a score        | {"score": "cluster", "weight": 1}                    | p.json:1:34: /inputs/0/score: 'cluster' is a name, not a number; a plan can use rfm, rfm_recency, rfm_frequency, rfm_monetary, engagement
            another plan as a score   | {"score": "plan.other", "weight": 1}                 | p.json:1:34: /inputs/0/score: unknown score 'plan.other' (expected one of rfm, rfm_recency, rfm_frequency, rfm_monetary, engagement); a plan cannot use another plan, add its inputs instead
            withinDays with attribute | {"attribute": "x", "weight": 1, "withinDays": 3}     | p.json:1:56: /inputs/0/withinDays: unknown key 'withinDays' (expected one of attribute, weight, normalize, prefer)
            events without window     | {"events": "order", "weight": 1}                     | p.json:1:24: /inputs/0: missing 'withinDays' in an events input
            events window of zero     | {"events": "order", "withinDays": 0, "weight": 1}    | p.json:1:58: /inputs/0/withinDays: 'withinDays' must be a whole number of days from 1 to 36500, got the number 0
            events window fraction    | {"events": "order", "withinDays": 1.5, "weight": 1}  | p.json:1:58: /inputs/0/withinDays: 'withinDays' must be a whole number of days from 1 to 36500, got the number 1.5
            event type not snake case | {"events": "Email Opened", "withinDays": 3, "weight": 1} | p.json:1:35: /inputs/0/events: 'events' must be an event type of lower-case letters, digits and _, starting with a letter, such as email_opened, got 'Email Opened'
            """)
    void inputProblemsAreLocated(String what, String input, String expected) {
        assertThat(error(withInput(input))).isEqualTo(expected);
    }

    @Test
    void theDirectoryLoadsGoodPlansAndReportsTheOthersByFile() throws IOException {
        write("vip_potential.json", VIP);
        write("wrong_name.json", withInput("{\"score\": \"rfm\", \"weight\": 1}"));
        write("broken.json", """
                {"id": "broken",
                 "inputs": [{"score": "rfm", "weight": -1}]}
                """);
        Files.write(directory.resolve("latin1.json"), "{\"id\": \"latin1\", \"name\": \"Gr\u00fcn\"}".getBytes(StandardCharsets.ISO_8859_1));
        write(".vip_potential.json.swp", "{");
        write("notes.txt", "not a plan");

        ScorePlanDirectory.Loaded loaded = new ScorePlanDirectory(directory).load();

        assertThat(loaded.plans()).extracting(ScorePlan::id).containsExactly("vip_potential");
        assertThat(loaded.problems()).containsExactly(
                "broken.json:2:40: /inputs/0/weight: 'weight' must be a number above 0 and at most 1000000, got the number -1",
                "latin1.json:1:1: the file is not valid UTF-8; save it as UTF-8",
                "wrong_name.json:1:8: id 'p' does not match the file name; the file of plan 'p' must be named p.json");
    }

    @Test
    void aMissingDirectoryHoldsNoPlans() {
        ScorePlanDirectory.Loaded loaded = new ScorePlanDirectory(directory.resolve("nope")).load();
        assertThat(loaded.plans()).isEmpty();
        assertThat(loaded.problems()).isEmpty();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(directory.resolve(name), text, StandardCharsets.UTF_8);
    }
}
