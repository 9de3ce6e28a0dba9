package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.segments.internal.Fixtures.attribute;
import static org.tailor.segments.internal.Fixtures.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;

class RuleParserTest {

    static final String DEMO = """
            {
              "id": "outdoor-fans",
              "name": "Outdoor fans",
              "description": "Viewed outdoor products at least 3 times in the last 30 days and bought nothing outdoor in that time",
              "rule": {
                "all": [
                  { "event": "product_viewed",
                    "where": [ { "property": "category", "op": "eq", "value": "outdoor" } ],
                    "atLeast": 3, "withinDays": 30 },
                  { "not": { "event": "order",
                             "where": [ { "property": "category", "op": "eq", "value": "outdoor" } ],
                             "withinDays": 30 } }
                ]
              }
            }
            """;

    static final Rule DEMO_RULE = new All(List.of(
            new EventCondition("product_viewed", List.of(filter("category", "eq", "outdoor")), 3, OptionalInt.empty(), OptionalInt.of(30)),
            new Not(new EventCondition("order", List.of(filter("category", "eq", "outdoor")), 1, OptionalInt.empty(), OptionalInt.of(30)))));

    static RuleParser.ParsedSegment parse(String text) throws SegmentFileException {
        return RuleParser.parse("s.json", text);
    }

    static Rule rule(String json) throws SegmentFileException {
        return RuleParser.parseRule("r.json", json);
    }

    /** The problem line of a rule that must not parse. */
    static String ruleError(String json) {
        try {
            Rule parsed = rule(json);
            throw new AssertionError("expected an error, parsed " + parsed);
        } catch (SegmentFileException e) {
            return e.getMessage();
        }
    }

    @Test
    void parsesTheDemoSegment() throws Exception {
        RuleParser.ParsedSegment parsed = parse(DEMO);

        assertThat(parsed.segment().id()).isEqualTo("outdoor-fans");
        assertThat(parsed.segment().name()).isEqualTo("Outdoor fans");
        assertThat(parsed.segment().description()).startsWith("Viewed outdoor products");
        assertThat(parsed.segment().rule()).isEqualTo(DEMO_RULE);
        assertThat(parsed.idPosition()).isEqualTo(new LocatedJson.Position(2, 9));
    }

    @Test
    void nameDefaultsToTheIdAndDescriptionToEmpty() throws Exception {
        Segment segment = parse("{\"id\": \"berlin\", \"rule\": {\"attribute\": \"city\", \"op\": \"eq\", \"value\": \"Berlin\"}}").segment();

        assertThat(segment.name()).isEqualTo("berlin");
        assertThat(segment.description()).isEmpty();
        assertThat(segment.rule()).isEqualTo(attribute("city", "eq", "Berlin"));
    }

    @Test
    void parsesEveryOperatorWithItsLiteral() throws Exception {
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"eq\",\"value\":true}")).isEqualTo(attribute("a", "eq", true));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"ne\",\"value\":1.50}")).isEqualTo(attribute("a", "ne", new BigDecimal("1.50")));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"in\",\"value\":[\"DE\",2]}")).isEqualTo(attribute("a", "in", List.of("DE", 2)));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"notIn\",\"value\":[\"DE\"]}")).isEqualTo(attribute("a", "notIn", List.of("DE")));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"gt\",\"value\":5}")).isEqualTo(attribute("a", "gt", 5));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"gte\",\"value\":\"2024-01-01\"}")).isEqualTo(attribute("a", "gte", "2024-01-01"));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"lt\",\"value\":5}")).isEqualTo(attribute("a", "lt", 5));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"lte\",\"value\":5}")).isEqualTo(attribute("a", "lte", 5));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"contains\",\"value\":\"x\"}")).isEqualTo(attribute("a", "contains", "x"));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"startsWith\",\"value\":\"x\"}")).isEqualTo(attribute("a", "startsWith", "x"));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"exists\"}")).isEqualTo(attribute("a", "exists", null));
        assertThat(rule("{\"attribute\":\"a\",\"op\":\"between\",\"value\":[1,10]}")).isEqualTo(attribute("a", "between", List.of(1, 10)));
    }

    @Test
    void eventCountsDefaultToAtLeastOneOrToZeroNextToAtMost() throws Exception {
        assertThat(rule("{\"event\":\"order\"}"))
                .isEqualTo(new EventCondition("order", List.of(), 1, OptionalInt.empty(), OptionalInt.empty()));
        assertThat(rule("{\"event\":\"order\",\"atMost\":2}"))
                .isEqualTo(new EventCondition("order", List.of(), 0, OptionalInt.of(2), OptionalInt.empty()));
        assertThat(rule("{\"event\":\"order\",\"atLeast\":0,\"atMost\":0,\"withinDays\":7}"))
                .isEqualTo(new EventCondition("order", List.of(), 0, OptionalInt.of(0), OptionalInt.of(7)));
    }

    @Test
    void parsesNesting() throws Exception {
        assertThat(rule("{\"any\":[{\"not\":{\"all\":[]}},{\"any\":[]}]}"))
                .isEqualTo(new Any(List.of(new Not(new All(List.of())), new Any(List.of()))));
    }

    @Test
    void unknownOperatorIsReportedAtItsValueWithASuggestion() {
        String text = """
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
                """;

        assertThatThrownBy(() -> RuleParser.parse("outdoor-fans.json", text))
                .isInstanceOf(SegmentFileException.class)
                .hasMessage("outdoor-fans.json:7:14: /rule/where/0/op: unknown operator 'equals' (did you mean 'eq'?)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"greaterThan| (expected one of eq, ne, in, notIn, gt, gte, lt, lte, contains, startsWith, exists, between)",
            "startswith| (did you mean 'startsWith'?)", "notin| (did you mean 'notIn'?)", ">=| (did you mean 'gte'?)",
            "exist| (did you mean 'exists'?)", "!=| (did you mean 'ne'?)"})
    void operatorSuggestions(String given, String hint) {
        assertThat(ruleError("{\"attribute\":\"a\",\"op\":\"" + given + "\",\"value\":\"x\"}"))
                .isEqualTo("r.json:1:23: /op: unknown operator '" + given + "' " + hint);
    }

    @Test
    void unknownKeyIsReportedAtTheKeyWithASuggestion() {
        assertThat(ruleError("{\"event\": \"order\",\n \"withinDay\": 30}"))
                .isEqualTo("r.json:2:2: /withinDay: unknown key 'withinDay' (did you mean 'withinDays'?)");
        assertThat(ruleError("{\"atribute\": \"city\", \"op\": \"exists\"}"))
                .isEqualTo("r.json:1:2: /atribute: unknown key 'atribute' (did you mean 'attribute'?)");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"rules\": {}}"))
                .hasMessage("s.json:1:13: /rules: unknown key 'rules' (did you mean 'rule'?)");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"owner\": \"me\", \"rule\": {}}"))
                .hasMessage("s.json:1:13: /owner: unknown key 'owner' (expected one of id, name, description, rule)");
    }

    @Test
    void keyOfAnotherKindOfRuleIsReported() {
        assertThat(ruleError("{\"all\": [], \"op\": \"eq\"}"))
                .isEqualTo("r.json:1:13: /op: 'op' cannot be used with 'all' (a rule with 'all' has only: all)");
        assertThat(ruleError("{\"attribute\": \"a\", \"event\": \"order\"}"))
                .isEqualTo("r.json:1:20: /event: a rule has exactly one of 'all', 'any', 'not', 'attribute', 'date', 'anniversary', "
                        + "'event', 'sequence', 'purchase', 'bought', 'segment', 'score', 'cluster', 'consent', 'lifecycle', found both 'attribute' and 'event'; "
                        + "wrap them in \"all\" or \"any\"");
        assertThat(ruleError("{\"op\": \"eq\", \"value\": 1}"))
                .isEqualTo("r.json:1:1: incomplete rule; a rule needs one of 'all', 'any', 'not', 'attribute', 'date', 'anniversary', 'event', 'sequence', 'purchase', 'bought', 'segment', 'score', 'cluster', 'consent', 'lifecycle'");
        assertThat(ruleError("{}")).isEqualTo("r.json:1:1: empty rule; a rule needs one of 'all', 'any', 'not', 'attribute', 'date', 'anniversary', 'event', 'sequence', 'purchase', 'bought', 'segment', 'score', 'cluster', 'consent', 'lifecycle'");
    }

    @Test
    void missingFieldsAreReportedAtTheirObject() {
        assertThat(ruleError("{\"attribute\": \"city\",\n  \"value\": \"Berlin\"}"))
                .isEqualTo("r.json:1:1: missing 'op' in an attribute condition");
        assertThat(ruleError("{\"attribute\": \"city\", \"op\": \"eq\"}"))
                .isEqualTo("r.json:1:1: missing 'value' for op 'eq'");
        assertThat(ruleError("{\"event\": \"order\", \"where\": [ {\"op\": \"eq\", \"value\": \"x\"} ]}"))
                .isEqualTo("r.json:1:31: /where/0: missing 'property' in a 'where' filter");
        assertThat(ruleError("{\"event\": \"order\", \"where\": [ {\"property\": \"x\", \"value\": \"x\"} ]}"))
                .isEqualTo("r.json:1:31: /where/0: missing 'op' in a 'where' filter");
        assertThatThrownBy(() -> parse("{\"id\": \"x\"}")).hasMessage("s.json:1:1: missing 'rule' in a segment file");
        assertThatThrownBy(() -> parse("{\"rule\": {\"all\": []}}")).hasMessage("s.json:1:1: missing 'id' in a segment file");
    }

    @Test
    void wrongTypesAreReportedAtTheValue() {
        assertThat(ruleError("{\"event\": \"order\", \"withinDays\": \"30\"}"))
                .isEqualTo("r.json:1:34: /withinDays: 'withinDays' must be a whole number of days from 1 to 36500, got the string \"30\"");
        assertThat(ruleError("{\"event\": \"order\", \"withinDays\": 0}"))
                .isEqualTo("r.json:1:34: /withinDays: 'withinDays' must be a whole number of days from 1 to 36500, got the number 0");
        assertThat(ruleError("{\"event\": \"order\", \"atLeast\": 2.5}"))
                .isEqualTo("r.json:1:31: /atLeast: 'atLeast' must be a whole number, 0 or more, got the number 2.5");
        assertThat(ruleError("{\"event\": \"order\", \"atLeast\": -1}"))
                .isEqualTo("r.json:1:31: /atLeast: 'atLeast' must be a whole number, 0 or more, got the number -1");
        assertThat(ruleError("{\"event\": \"order\", \"atLeast\": 3, \"atMost\": 2}"))
                .isEqualTo("r.json:1:44: /atMost: 'atMost' (2) must not be less than 'atLeast' (3)");
        assertThat(ruleError("{\"all\": {\"attribute\": \"a\", \"op\": \"exists\"}}"))
                .isEqualTo("r.json:1:9: /all: 'all' needs an array of rules, got an object");
        assertThat(ruleError("{\"not\": [] }")).isEqualTo("r.json:1:9: /not: a rule must be a JSON object, got an array");
        assertThat(ruleError("{\"attribute\": 7, \"op\": \"exists\"}"))
                .isEqualTo("r.json:1:15: /attribute: 'attribute' must be a string, got the number 7");
        assertThat(ruleError("{\"attribute\": \" \", \"op\": \"exists\"}")).isEqualTo("r.json:1:15: /attribute: 'attribute' must not be blank");
        assertThat(ruleError("{\"event\": \"Product Viewed\"}")).startsWith("r.json:1:11: /event: 'event' must be an event type");
        assertThatThrownBy(() -> parse("[]")).hasMessage("s.json:1:1: a segment file must be a JSON object, got an array");
        assertThatThrownBy(() -> parse("{\"id\": \"Outdoor Fans\", \"rule\": {\"all\": []}}"))
                .hasMessage("s.json:1:8: /id: 'id' must be 1 to 64 lower-case letters, digits and '-', starting with a letter or digit, "
                        + "got 'Outdoor Fans'");
    }

    @Test
    void whereMustBeTheArrayForm() {
        assertThat(ruleError("{\"event\": \"order\", \"where\": {\"category\": \"outdoor\"}}"))
                .isEqualTo("r.json:1:29: /where: 'where' needs an array of filters like [{\"property\": \"category\", \"op\": \"eq\", "
                        + "\"value\": \"outdoor\"}], got an object");
        assertThat(ruleError("{\"event\": \"order\", \"where\": [ {\"property\": \"c\", \"op\": \"eq\", \"value\": \"x\", \"vlaue\": 1} ]}"))
                .isEqualTo("r.json:1:75: /where/0/vlaue: unknown key 'vlaue' (did you mean 'value'?)");
    }

    @Test
    void literalsThatDoNotFitTheOperatorAreReportedAtTheValue() {
        String prefix = "{\"attribute\": \"a\", \"op\": ";
        assertThat(ruleError(prefix + "\"exists\", \"value\": true}")).isEqualTo("r.json:1:45: /value: op 'exists' takes no 'value'");
        assertThat(ruleError(prefix + "\"in\", \"value\": \"DE\"}"))
                .isEqualTo("r.json:1:41: /value: op 'in' needs an array 'value', like [\"DE\", \"AT\"]");
        assertThat(ruleError(prefix + "\"in\", \"value\": []}")).isEqualTo("r.json:1:41: /value: op 'in' needs at least one value in its array");
        assertThat(ruleError(prefix + "\"eq\", \"value\": [1]}"))
                .isEqualTo("r.json:1:41: /value: op 'eq' needs a single string, number or boolean 'value'");
        assertThat(ruleError(prefix + "\"gt\", \"value\": true}")).isEqualTo("r.json:1:41: /value: op 'gt' needs a number, date or string 'value'");
        assertThat(ruleError(prefix + "\"contains\", \"value\": 3}")).isEqualTo("r.json:1:47: /value: op 'contains' needs a string 'value'");
        assertThat(ruleError(prefix + "\"eq\", \"value\": null}"))
                .isEqualTo("r.json:1:41: /value: 'value' must be a string, number or boolean, got null; to test that a value is present "
                        + "use {\"op\": \"exists\"}");
        assertThat(ruleError(prefix + "\"in\", \"value\": [\"a\", {}]}"))
                .isEqualTo("r.json:1:47: /value/1: each value in the 'value' array must be a string, number or boolean, got an object");
        assertThat(ruleError(prefix + "\"between\", \"value\": [10, 1]}")).isEqualTo("r.json:1:46: /value: op 'between' needs low <= high, got 10 > 1");
        assertThat(ruleError(prefix + "\"between\", \"value\": [1, \"2024-01-01\"]}"))
                .isEqualTo("r.json:1:46: /value: op 'between' needs low and high of the same kind (two numbers, two dates or two strings)");
        assertThat(ruleError(prefix + "\"between\", \"value\": [1]}"))
                .isEqualTo("r.json:1:46: /value: op 'between' needs an array [low, high] of two numbers, two dates or two strings");
    }

    @Test
    void badJsonIsReportedWhereTheParserStopped() {
        assertThatThrownBy(() -> parse("{\n  \"id\": \"x\",\n  \"rule\": {\"all\": [],}\n}"))
                .isInstanceOf(SegmentFileException.class)
                .hasMessageStartingWith("s.json:3:22: malformed JSON: Unexpected character ('}'");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"rule\": {\"all\": []}")).hasMessageStartingWith("s.json:1:32: malformed JSON:");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"rule\": {\"all\": []}} {}"))
                .hasMessage("s.json:1:34: unexpected content after the end of the JSON document");
        assertThatThrownBy(() -> parse("  \n")).hasMessage("s.json:1:1: the file is empty; expected a JSON object");
        assertThatThrownBy(() -> parse("{\"id\": \"x\", \"id\": \"y\"}")).hasMessage("s.json:1:13: duplicate key 'id'");
        assertThatThrownBy(() -> parse("{\"id\": \"x\" // comment\n}")).hasMessageStartingWith("s.json:1:12: malformed JSON:");
    }

    @Test
    void aProblemIsAlwaysOneLine() {
        assertThat(ruleError("{\"event\": \"order\", \"withinDays\": \"3\\n\\u0007\"}"))
                .isEqualTo("r.json:1:34: /withinDays: 'withinDays' must be a whole number of days from 1 to 36500, got the string \"3\\n\\u0007\"");
        assertThat(ruleError("{\"attribute\": \"a\", \"op\": \"" + "x".repeat(100) + "\"}")).hasSizeLessThan(300);
        assertThat(ruleError("{\"event\": \"order\", \"atLeast\": \"" + "x".repeat(100) + "\"}"))
                .endsWith("got the string \"" + "x".repeat(40) + "...\"");
    }

    @Test
    void absurdNestingIsReportedNotOverflowed() {
        String deep = "{\"not\":".repeat(500) + "{\"all\":[]}" + "}".repeat(500);
        assertThat(ruleError(deep)).isEqualTo("r.json:1:701: malformed JSON: nested more than 100 levels deep");
    }
}
