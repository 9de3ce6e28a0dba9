package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON form of the condition kinds beyond attributes and counted events, and its load errors. */
class RuleJsonKindsTest {

    static Rule json(String text) throws SegmentFileException {
        return RuleParser.parseRule("r.json", text);
    }

    static String error(String text) {
        return RuleParserTest.ruleError(text);
    }

    /** Each JSON form means what its text form says. */
    @Test
    void everyKindReadsAsItsTextForm() throws SegmentFileException {
        List<String[]> pairs = List.of(
                new String[] {"{\"date\": \"signed_up_at\", \"withinLastDays\": 30}", "signed_up_at in last 30 days"},
                new String[] {"{\"date\": \"renewal_at\", \"withinNextDays\": 7}", "renewal_at in next 7 days"},
                new String[] {"{\"anniversary\": \"birth_date\", \"withinNextDays\": 7}", "birthday in next 7 days"},
                new String[] {"{\"event\": \"order\", \"sum\": {\"property\": \"total\", \"atLeast\": 100}, \"withinDays\": 90}",
                        "event order sum total >= 100 within 90 days"},
                new String[] {"{\"event\": \"order\", \"atLeast\": 2, \"atMost\": 2, \"from\": \"2025-01-01\", \"to\": \"2025-01-31T12:00:00Z\"}",
                        "event order = 2 times from \"2025-01-01\" to \"2025-01-31T12:00:00Z\""},
                new String[] {"{\"event\": \"order\", \"atMost\": 0, \"withinDays\": 30}", "no event order within 30 days"},
                new String[] {"{\"sequence\": {\"event\": \"cart_added\"}, \"thenNo\": {\"event\": \"order\"}, \"withinHours\": 4, "
                        + "\"withinDays\": 30}", "event cart_added within 30 days then no event order within 4 hours"},
                new String[] {"{\"sequence\": {\"event\": \"product_viewed\", \"where\": [{\"property\": \"category\", \"op\": \"eq\", "
                        + "\"value\": \"outdoor\"}]}, \"then\": {\"event\": \"order\"}, \"withinHours\": 48}",
                        "event product_viewed where category = \"outdoor\" then event order within 48 hours"},
                new String[] {"{\"purchase\": \"lifetime_value\", \"op\": \"gte\", \"value\": 500}", "purchase lifetime_value >= 500"},
                new String[] {"{\"bought\": [\"outdoor\", \"garden\"], \"withinDays\": 365}",
                        "bought category in [\"outdoor\", \"garden\"] within 365 days"},
                new String[] {"{\"segment\": \"vip\"}", "segment \"vip\""},
                new String[] {"{\"score\": \"engagement\", \"op\": \"gte\", \"value\": 60}", "score engagement >= 60"},
                new String[] {"{\"cluster\": [\"Power buyers\"]}", "cluster = \"Power buyers\""},
                new String[] {"{\"consent\": \"sale_sharing\", \"status\": [\"withdrawn\", \"denied\"]}",
                        "consent sale_sharing in [withdrawn, denied]"},
                new String[] {"{\"lifecycle\": [\"at_risk\", \"churned\"]}", "lifecycle in [\"at_risk\", \"churned\"]"},
                new String[] {"{\"event\": \"page_viewed\", \"atMost\": 0, \"daysAgo\": [31, 90]}",
                        "no event page_viewed between 31 and 90 days ago"},
                new String[] {"{\"bought\": [\"outdoor\"], \"daysAgo\": [1, 30]}", "bought category = \"outdoor\" between 1 and 30 days ago"});
        for (String[] pair : pairs) {
            Rule rule = json(pair[0]);
            assertThat(RuleTextPrinter.print(rule)).as(pair[0]).isEqualTo(pair[1]);
            assertThat(json(RulePrinter.print(rule))).isEqualTo(rule);
        }
    }

    @Test
    void errorsNameTheNodeByPositionAndPath() {
        assertThat(error("{\"all\": [{\"attribute\": \"a\", \"op\": \"exists\"},\n {\"date\": \"x\", \"withinLastDays\": -1}]}"))
                .isEqualTo("r.json:2:34: /all/1/withinLastDays: 'withinLastDays' must be a whole number of days from 0 to 36500, "
                        + "got the number -1");
        assertThat(error("{\"date\": \"x\", \"withinLastDays\": 1, \"withinNextDays\": 1}"))
                .isEqualTo("r.json:1:1: a date condition needs exactly one of 'withinLastDays' and 'withinNextDays'");
        assertThat(error("{\"anniversary\": \"birth_date\", \"withinNextDays\": 400}"))
                .isEqualTo("r.json:1:49: /withinNextDays: 'withinNextDays' must be a whole number of days from 0 to 366, got the number 400");
        assertThat(error("{\"event\": \"order\", \"sum\": {\"property\": \"total\", \"atLeast\": 1}, \"atLeast\": 2}"))
                .isEqualTo("r.json:1:64: /atLeast: 'atLeast' counts events and cannot be used with 'sum'; a sum has its own 'atLeast'");
        assertThat(error("{\"event\": \"order\", \"sum\": {\"property\": \"total\", \"atLeast\": \"1\"}}"))
                .isEqualTo("r.json:1:60: /sum/atLeast: 'atLeast' of a sum must be a number, got the string \"1\"");
        assertThat(error("{\"event\": \"order\", \"from\": \"2025-01-01\"}"))
                .isEqualTo("r.json:1:1: 'from' and 'to' go together; missing 'to'");
        assertThat(error("{\"event\": \"order\", \"from\": \"2025-02-01\", \"to\": \"2025-01-01\"}"))
                .isEqualTo("r.json:1:48: /to: 'to' must not be before 'from'");
        assertThat(error("{\"event\": \"order\", \"withinDays\": 3, \"to\": \"2025-01-01\"}"))
                .isEqualTo("r.json:1:37: /to: use one of 'withinDays', 'daysAgo', or 'from' and 'to', not several");
        assertThat(error("{\"event\": \"order\", \"from\": \"yesterday\", \"to\": \"2025-01-01\"}"))
                .isEqualTo("r.json:1:28: /from: expected a date \"2024-05-01\" or a time with offset \"2024-05-01T10:00:00Z\", "
                        + "got the string \"yesterday\"");
        assertThat(error("{\"sequence\": {\"event\": \"cart_added\"}, \"withinHours\": 4}"))
                .isEqualTo("r.json:1:1: a sequence needs exactly one of 'then' and 'thenNo'");
        assertThat(error("{\"sequence\": {\"event\": \"a\", \"atLeast\": 1}, \"then\": {\"event\": \"b\"}, \"withinHours\": 4}"))
                .isEqualTo("r.json:1:29: /sequence/atLeast: unknown key 'atLeast' (expected one of event, where)");
        assertThat(error("{\"sequence\": {\"event\": \"a\"}, \"then\": {\"event\": \"b\"}, \"withinHours\": 0}"))
                .isEqualTo("r.json:1:69: /withinHours: 'withinHours' must be a whole number of hours from 1 to 8784, got the number 0");
        assertThat(error("{\"purchase\": \"orders\", \"op\": \"gt\", \"value\": 1}"))
                .isEqualTo("r.json:1:14: /purchase: unknown purchase figure 'orders' (expected one of order_count, "
                        + "lifetime_value, average_order_value, first_order_at, last_order_at)");
        assertThat(error("{\"bought\": []}")).isEqualTo("r.json:1:12: /bought: 'bought' needs a non-empty array of categories, like "
                + "[\"outdoor\"], got an array");
        assertThat(error("{\"bought\": [\"a,b\"]}")).isEqualTo("r.json:1:13: /bought/0: a category cannot contain ',', got 'a,b'");
        assertThat(error("{\"segment\": \"VIP\"}"))
                .isEqualTo("r.json:1:13: /segment: 'segment' must be a segment id (lower-case letters, digits and '-'), got 'VIP'");
        assertThat(error("{\"segment\": \"vip\", \"withinDays\": 3}"))
                .isEqualTo("r.json:1:20: /withinDays: 'withinDays' cannot be used with 'segment' (a rule with 'segment' has only: segment)");
    }

    @Test
    void errorsInTheNewerKinds() {
        assertThat(error("{\"score\": \"Engagement\", \"op\": \"gt\", \"value\": 1}")).isEqualTo("r.json:1:11: /score: 'score' must be a "
                + "score name of 1 to 128 lower-case letters, digits, _ and ., got 'Engagement'");
        assertThat(error("{\"score\": \"x\", \"value\": 1}")).isEqualTo("r.json:1:1: missing 'op' in a score condition");
        assertThat(error("{\"cluster\": \"Power buyers\"}")).isEqualTo("r.json:1:13: /cluster: 'cluster' needs a non-empty array of "
                + "cluster names, like [\"Power buyers\"], got the string \"Power buyers\"");
        assertThat(error("{\"consent\": \"email_marketing\"}")).isEqualTo("r.json:1:1: missing 'status' in a consent condition");
        assertThat(error("{\"consent\": \"email_marketing\", \"status\": [\"granted\", \"revoked\"]}")).isEqualTo("r.json:1:54: "
                + "/status/1: unknown consent status 'revoked' (expected one of granted, pending, denied, withdrawn, expired, unknown)");
        assertThat(error("{\"consent\": \"Email\", \"status\": [\"granted\"]}")).isEqualTo("r.json:1:13: /consent: 'consent' must be a "
                + "consent purpose of lower-case letters, digits and _, such as email_marketing, got 'Email'");
        assertThat(error("{\"lifecycle\": [\"active\", \"At risk\"]}")).isEqualTo("r.json:1:26: /lifecycle/1: a stage name is 1 to 64 "
                + "lower-case letters, digits and _, starting with a letter, got 'At risk'");
        assertThat(error("{\"segment\": \"lifecycle\"}")).isEqualTo("r.json:1:13: /segment: no segment is called 'lifecycle'; to test "
                + "the lifecycle stage write {\"lifecycle\": [\"active\"]}");
        assertThat(error("{\"event\": \"x\", \"daysAgo\": [90, 31]}")).isEqualTo("r.json:1:32: /daysAgo/1: 'daysAgo' needs the nearer "
                + "day first, [from, to] with from <= to, got [90, 31]");
        assertThat(error("{\"event\": \"x\", \"daysAgo\": 30}")).isEqualTo("r.json:1:27: /daysAgo: 'daysAgo' needs two numbers of days "
                + "[from, to], like [31, 90] for 31 to 90 days ago, got the number 30");
        assertThat(error("{\"event\": \"x\", \"daysAgo\": [0, 3]}")).isEqualTo("r.json:1:28: /daysAgo/0: 'daysAgo' needs whole numbers "
                + "of days from 1 to 36500, got the number 0");
        assertThat(error("{\"event\": \"x\", \"withinDays\": 3, \"daysAgo\": [1, 2]}")).isEqualTo("r.json:1:33: /daysAgo: use one of "
                + "'withinDays', 'daysAgo', or 'from' and 'to', not several");
        assertThat(error("{\"consent\": \"sms\", \"status\": [\"granted\"], \"withinDays\": 3}")).isEqualTo("r.json:1:43: /withinDays: "
                + "'withinDays' cannot be used with 'consent' (a rule with 'consent' has only: consent, status)");
    }

    @Test
    void depthAndSizeAreLimitedAtTheOffendingNode() {
        String leaf = "{\"attribute\": \"a\", \"op\": \"exists\"}";
        String ok = "{\"not\": ".repeat(RuleBudget.MAX_DEPTH - 1) + leaf + "}".repeat(RuleBudget.MAX_DEPTH - 1);
        assertThat(error("{\"all\": [" + ok + "]}")).isEqualTo("r.json:1:" + (10 + 8 * (RuleBudget.MAX_DEPTH - 1)) + ": /all/0"
                + "/not".repeat(RuleBudget.MAX_DEPTH - 1) + ": the rule is nested more than 32 levels deep; split it into segments "
                + "that refer to each other");
        String wide = "{\"any\": [" + String.join(", ", java.util.Collections.nCopies(RuleBudget.MAX_NODES, leaf)) + "]}";
        assertThat(error(wide)).startsWith("r.json:1:" + (10 + (leaf.length() + 2) * (RuleBudget.MAX_NODES - 1)) + ": /any/999: the rule has "
                + "more than 1000 conditions and groups");
    }
}
