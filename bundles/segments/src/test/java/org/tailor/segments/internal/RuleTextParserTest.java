package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.attribute;
import static org.tailor.segments.internal.Fixtures.filter;

import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.Not;

class RuleTextParserTest {

    static Rule parse(String text) {
        return ConditionKindsTest.rule(text);
    }

    static String error(String text) {
        try {
            Rule rule = RuleTextParser.parseRule("t.seg", text);
            throw new AssertionError("expected an error, parsed " + rule);
        } catch (SegmentFileException e) {
            return e.getMessage();
        }
    }

    static String normalized(String text) {
        return RuleTextPrinter.print(parse(text));
    }

    @Test
    void theExampleFromTheIssue() {
        Rule rule = parse("country in [\"DE\",\"AT\"] and event product_viewed where category = \"outdoor\" >= 3 times within 14 days "
                + "and not event order within 30 days");
        assertThat(rule).isEqualTo(new All(List.of(
                attribute("country", "in", List.of("DE", "AT")),
                new EventCondition("product_viewed", List.of(filter("category", "eq", "outdoor")), new Count(3, OptionalInt.empty()),
                        new LastDays(14)),
                new Not(new EventCondition("order", List.of(), new Count(1, OptionalInt.empty()), new LastDays(30))))));
        assertThat(RuleTextPrinter.print(rule)).isEqualTo("country in [\"DE\", \"AT\"] and event product_viewed where category = "
                + "\"outdoor\" >= 3 times within 14 days and not event order within 30 days");
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanBoth() {
        Rule a = attribute("a", "eq", 1);
        Rule b = attribute("b", "eq", 2);
        Rule c = attribute("c", "eq", 3);
        assertThat(parse("a = 1 or b = 2 and c = 3")).isEqualTo(new Any(List.of(a, new All(List.of(b, c)))));
        assertThat(parse("not a = 1 and b = 2")).isEqualTo(new All(List.of(new Not(a), b)));
        assertThat(parse("not (a = 1 and b = 2)")).isEqualTo(new Not(new All(List.of(a, b))));
        assertThat(parse("(a = 1 and b = 2) and c = 3")).as("parentheses keep nesting")
                .isEqualTo(new All(List.of(new All(List.of(a, b)), c)));
        assertThat(parse("a = 1 and b = 2 and c = 3")).isEqualTo(new All(List.of(a, b, c)));
        assertThat(parse("all()")).isEqualTo(new All(List.of()));
        assertThat(parse("any(a = 1)")).isEqualTo(new Any(List.of(a)));
        assertThat(parse("all(a = 1, b = 2 or c = 3)")).isEqualTo(new All(List.of(a, new Any(List.of(b, c)))));
    }

    @ParameterizedTest(name = "{0}  ->  {1}")
    @CsvSource(delimiter = '|', value = {
            "((a = 1))|a = 1",
            "all(a = 1, b = 2)|a = 1 and b = 2",
            "event x > 2 times|event x >= 3 times",
            "event x < 1 times|no event x",
            "event x = 0 times within 3 days|no event x within 3 days",
            "event x <= 0 times|no event x",
            "event x >= 1 times|event x",
            "event x between 2 and 2 times|event x = 2 times",
            "event x between 0 and 4 times|event x <= 4 times",
            "event x where (a = 1)|event x where a = 1",
            "birth_date anniversary|birth_date anniversary",
            "anniversary of birth_date in next 3 days|birthday in next 3 days",
            "bought category in [\"a\"]|bought category = \"a\"",
            "\"first name\" starts with \"An\"   # a comment|\"first name\" starts with \"An\"",
            "\"event\" = 1 or \"no\" = 2 or where = 3|\"event\" = 1 or \"no\" = 2 or where = 3",
            "score \"engagement\" > 1|score engagement > 1",
            "score and = 1|score \"and\" = 1",
            "cluster in [\"a\"]|cluster = \"a\"",
            "consent email_marketing in [granted]|consent email_marketing is granted",
            "consent \"sms\" is denied|consent sms is denied",
            "lifecycle in [\"active\"]|lifecycle = \"active\"",
            "no event x between 3 and 3 days ago|no event x between 3 and 3 days ago"})
    void printingNormalizes(String text, String printed) {
        if (printed.equals("birth_date anniversary")) {
            assertThat(error(text)).startsWith("t.seg:1:12: expected a comparison");
            return;
        }
        assertThat(normalized(text)).isEqualTo(printed);
    }

    @Test
    void everyKindOfCondition() {
        for (String text : List.of(
                "city = \"Berlin\"", "points != 3", "points > 1.50", "points >= -2", "vip = true", "tier < \"gold\"", "x <= \"b\"",
                "country not in [\"DE\", 1, false]", "age between 18 and 30", "email contains \"@example\"",
                "email starts with \"ann\"", "email exists", "signed_up_at in last 30 days", "renewal_at in next 7 days",
                "birthday in next 7 days", "anniversary of signed_up_at in next 0 days",
                "event order where (total > 100 and currency = \"EUR\") between 2 and 5 times from \"2025-01-01\" to \"2025-03-31T12:00:00Z\"",
                "event order sum total >= 250.00 within 90 days", "no event email_opened within 60 days",
                "event cart_added within 30 days then no event order within 4 hours",
                "event product_viewed where category = \"outdoor\" then event order where category = \"outdoor\" within 48 hours",
                "purchase order_count >= 2", "purchase last_order_at < \"2025-01-01\"", "bought category in [\"outdoor\", \"garden\"] within 365 days",
                "segment \"vip-customers\"", "not not segment \"2024-leads\"",
                "score engagement >= 60", "score rfm_recency = 5", "score plan.loyalty between 50 and 100", "score \"2024.rfm\" exists",
                "\"score\" > 3", "\"cluster\" = \"x\"", "cluster = \"Power buyers\"", "cluster in [\"Power buyers\", \"Bargain hunters\"]",
                "consent email_marketing is granted", "consent sale_sharing in [withdrawn, denied]", "consent \"3rd_party\" is unknown",
                "lifecycle = \"at_risk\"", "lifecycle in [\"active\", \"none\"]", "no event page_viewed between 31 and 90 days ago",
                "event order between 2 and 5 times between 31 and 90 days ago", "bought category = \"outdoor\" between 1 and 1 days ago",
                "event cart_added between 1 and 2 days ago then no event order within 4 hours")) {
            assertThat(normalized(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void numbersKeepTheirScaleAndStringsTheirEscapes() {
        assertThat(parse("a = 1.50")).isEqualTo(attribute("a", "eq", new BigDecimal("1.50")));
        assertThat(parse("a = 1E+3")).isEqualTo(attribute("a", "eq", new BigDecimal("1E+3")));
        assertThat(parse("a = \"tab\\there \\\"q\\\" \\u00fc\"")).isEqualTo(attribute("a", "eq", "tab\there \"q\" \u00fc"));
        assertThat(normalized("a = \"tab\\there\"")).isEqualTo("a = \"tab\\there\"");
    }

    @Test
    void errorsNameLineAndColumn() {
        assertThat(error("country in [\"DE\", \"AT\"]\nand event product_viewed where category = outdoor"))
                .isEqualTo("t.seg:2:43: expected a value (a \"string\", a number, true or false), found 'outdoor'");
        assertThat(error("city == \"Berlin\"")).isEqualTo("t.seg:1:7: expected a value (a \"string\", a number, true or false), found '='");
        assertThat(error("city equals \"Berlin\"")).startsWith("t.seg:1:6: expected a comparison (=, !=, >, >=, <, <=, in, not in, "
                + "between, contains, starts with, exists) after the attribute name, found 'equals'");
        assertThat(error("city = 'Berlin'")).isEqualTo("t.seg:1:8: unexpected character '''; strings are written in double quotes");
        assertThat(error("city = \"Berlin")).isEqualTo("t.seg:1:8: unterminated string; close it with \" on the same line");
        assertThat(error("(city = \"Berlin\"")).isEqualTo("t.seg:1:17: expected ')' to close the '(' at 1:1, found the end of the text");
        assertThat(error("city = \"Berlin\" country = \"DE\"")).isEqualTo("t.seg:1:17: expected 'and', 'or' or the end of the rule, "
                + "found 'country'");
        assertThat(error("event Product_Viewed")).startsWith("t.seg:1:7: expected an event type");
        assertThat(error("event x within 0 days")).isEqualTo("t.seg:1:16: expected a number of days from 1 to 36500, found the number 0");
        assertThat(error("event x between 3 and 2 times")).isEqualTo("t.seg:1:23: the high count (2) must not be less than the low count (3)");
        assertThat(error("event x >= 3 times then event y within 4 hours"))
                .startsWith("t.seg:1:20: the first event of a sequence takes no count or sum");
        assertThat(error("event x then event y within 4 days")).isEqualTo("t.seg:1:31: expected 'hours' after the number of hours, found 'days'");
        assertThat(error("country in []")).isEqualTo("t.seg:1:9: 'in' needs at least one value in its array");
        assertThat(error("age between 30 and 18")).isEqualTo("t.seg:1:5: 'between' needs low <= high, got 30 > 18");
        assertThat(error("purchase orders >= 2")).startsWith("t.seg:1:10: expected one of order_count, lifetime_value, average_order_value, "
                + "first_order_at, last_order_at after 'purchase', found 'orders'");
        assertThat(error("segment vip")).isEqualTo("t.seg:1:9: expected a segment id in quotes, like \"vip-customers\", found 'vip'");
        assertThat(error("event x from \"2025-02-01\" to \"2025-01-01\"")).isEqualTo("t.seg:1:14: the window's start must not be after its end");
        assertThat(error("")).isEqualTo("t.seg:1:1: expected a condition (an attribute name, 'event', 'no event', 'bought', 'purchase', "
                + "'segment', 'score', 'cluster', 'consent', 'lifecycle', 'birthday', 'anniversary', 'not' or '('), found the end of the text");
    }

    @Test
    void errorsInTheNewerKinds() {
        assertThat(error("score >= 60")).isEqualTo("t.seg:1:7: expected a score name after 'score', found '>=' "
                + "(an attribute called score is written \"score\")");
        assertThat(error("score Engagement > 1")).isEqualTo("t.seg:1:7: a score name is 1 to 128 lower-case letters, digits, _ and ., "
                + "got \"Engagement\"");
        assertThat(error("score engagement")).startsWith("t.seg:1:17: expected a comparison (=, !=");
        assertThat(error("cluster != \"x\"")).isEqualTo("t.seg:1:9: expected '=' or 'in' after 'cluster', found '!='");
        assertThat(error("cluster = \" \"")).isEqualTo("t.seg:1:11: a cluster name must not be blank");
        assertThat(error("cluster in []")).isEqualTo("t.seg:1:13: name at least one, as in: in [\"Power buyers\"]");
        assertThat(error("consent email_marketing is grantd")).isEqualTo("t.seg:1:28: expected a consent status (granted, pending, "
                + "denied, withdrawn, expired, unknown), found 'grantd' (did you mean 'granted'?)");
        assertThat(error("consent Email is granted")).isEqualTo("t.seg:1:9: expected a consent purpose of lower-case letters, digits "
                + "and _, such as email_marketing, found 'Email'");
        assertThat(error("consent email_marketing = granted")).isEqualTo("t.seg:1:25: expected 'is' or 'in' after the purpose (as in: "
                + "consent email_marketing is granted), found '='");
        assertThat(error("consent sms in [granted")).isEqualTo("t.seg:1:24: expected ']' to close the list, found the end of the text");
        assertThat(error("lifecycle = \"At risk\"")).isEqualTo("t.seg:1:13: a stage name is 1 to 64 lower-case letters, digits and _, "
                + "starting with a letter, got 'At risk'");
        assertThat(error("lifecycle = at_risk")).isEqualTo("t.seg:1:13: expected a name in quotes, like \"at_risk\", found 'at_risk'");
        assertThat(error("bought category = 3")).isEqualTo("t.seg:1:19: expected a name in quotes, like \"outdoor\", found the number 3");
        assertThat(error("segment \"lifecycle\"")).isEqualTo("t.seg:1:9: no segment is called \"lifecycle\"; to test the lifecycle "
                + "stage write: lifecycle = \"active\"");
        assertThat(error("event x between 90 and 31 days ago")).isEqualTo("t.seg:1:24: the nearer day comes first: between 31 and 90 days ago");
        assertThat(error("event x between 0 and 31 days ago")).isEqualTo("t.seg:1:17: expected a number of days from 1 to 36500, "
                + "found the number 0");
        assertThat(error("no event x between 1 and 31 days")).isEqualTo("t.seg:1:33: expected 'ago' after 'days' (as in: between 31 "
                + "and 90 days ago), found the end of the text");
        assertThat(error("event x between 1 and 31 tims")).isEqualTo("t.seg:1:26: expected 'times' after the count (as in: >= 3 times), "
                + "found 'tims'");
    }

    @Test
    void depthAndSizeAreLimited() {
        String deep = "not ".repeat(RuleBudget.MAX_DEPTH - 1) + "a = 1";
        assertThat(parse(deep)).isNotNull();
        assertThat(error("not " + deep)).isEqualTo("t.seg:1:" + (4 * RuleBudget.MAX_DEPTH + 1)
                + ": the rule is nested more than 32 levels deep; split it into segments that refer to each other");
        String wide = "a = 1" + " or a = 1".repeat(RuleBudget.MAX_NODES - 2);
        assertThat(parse(wide)).isInstanceOf(Any.class);
        assertThat(error(wide + " or a = 2")).isEqualTo("t.seg:1:" + (5 + 9 * (RuleBudget.MAX_NODES - 2) + 5)
                + ": the rule has more than 1000 conditions and groups; split it into segments that refer to each other");
        assertThat(error("(".repeat(300) + "a = 1" + ")".repeat(300))).isEqualTo("t.seg:1:201: nested more than 200 levels deep");
    }

    @Test
    void aSegmentFileHasANameAndADescriptionFirst() throws SegmentFileException {
        Segment segment = RuleTextParser.parseSegment("outdoor-fans.seg", "outdoor-fans", """
                # Viewed outdoor products and bought nothing outdoor
                name "Outdoor fans"
                description "Viewed outdoor products at least 3 times in the last 30 days"
                event product_viewed where category = "outdoor" >= 3 times within 30 days
                  and no event order where category = "outdoor" within 30 days
                """).segment();
        assertThat(segment.name()).isEqualTo("Outdoor fans");
        assertThat(segment.description()).startsWith("Viewed outdoor");
        assertThat(segment.rule()).isInstanceOf(All.class);
        Segment bare = RuleTextParser.parseSegment("b.seg", "b", "name = \"Ann\"").segment();
        assertThat(bare.name()).isEqualTo("b");
        assertThat(bare.rule()).isEqualTo(attribute("name", "eq", "Ann"));
        assertThat(new AllTime()).isEqualTo(new AllTime());
    }
}
