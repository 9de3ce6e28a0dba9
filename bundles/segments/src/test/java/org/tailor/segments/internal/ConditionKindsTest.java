package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;

/** Each condition kind at its boundaries, written in the text syntax. NOW is 2025-06-15T12:00:00Z. */
class ConditionKindsTest {

    static Rule rule(String text) {
        try {
            return RuleTextParser.parseRule("t.seg", text);
        } catch (SegmentFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static boolean matches(String text, Profile profile, List<Event> events, Instant now) {
        return matches(text, EvaluationContext.of(profile, events, now, SegmentLookup.NONE));
    }

    static boolean matches(String text, EvaluationContext context) {
        Rule rule = rule(text);
        boolean result = RuleEvaluator.matches(rule, context);
        assertThat(RuleEvaluator.explain(rule, context).result()).as("explain agrees for " + text).isEqualTo(result);
        return result;
    }

    static boolean matchesScores(String text, Map<String, Object> scores) {
        return matches(text, EvaluationContext.of(profile("p"), List.of(), NOW, SegmentLookup.NONE, scores, List.of()));
    }

    static boolean matchesConsent(String text, ConsentRecord... history) {
        return matches(text, EvaluationContext.of(profile("p"), List.of(), NOW, SegmentLookup.NONE, Map.of(), List.of(history)));
    }

    static ConsentRecord consent(String purpose, ConsentStatus status, String recordedAt) {
        return new ConsentRecord("p", purpose, status, Instant.parse(recordedAt), "test");
    }

    static Lifecycle lifecycle(String text) {
        try {
            return RuleTextParser.parseLifecycle("lifecycle.seg", text).lifecycle();
        } catch (SegmentFileException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static boolean matches(String text, Map<String, Object> attributes) {
        return matches(text, profile("p", attributes), List.of(), NOW);
    }

    static boolean matches(String text, Event... events) {
        return matches(text, profile("p"), List.of(events), NOW);
    }

    static Event at(String type, Duration ago, Object... properties) {
        return event("p", type, NOW.minus(ago), map(properties));
    }

    // ---- dates relative to today

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "signed_up_at in last 30 days|2025-06-15|true", "signed_up_at in last 30 days|2025-05-16|true",
            "signed_up_at in last 30 days|2025-05-15|false", "signed_up_at in last 30 days|2025-06-16|false",
            "signed_up_at in last 0 days|2025-06-15|true", "signed_up_at in last 0 days|2025-06-14|false",
            "renewal_at in next 7 days|2025-06-22|true", "renewal_at in next 7 days|2025-06-23|false",
            "renewal_at in next 7 days|2025-06-14|false", "renewal_at in next 7 days|2025-06-15|true",
            "renewal_at in next 7 days|2025-06-20T23:00:00Z|true", "renewal_at in next 7 days|Berlin|false"})
    void datesWithinTheLastOrNextDays(String text, String value, boolean expected) {
        Object date = value.length() == 10 && value.charAt(4) == '-' ? LocalDate.parse(value) : value;
        String attribute = text.substring(0, text.indexOf(' '));
        assertThat(matches(text, map(attribute, date))).isEqualTo(expected);
    }

    @Test
    void datesAreDaysInTheProfilesTimeZone() {
        // 05:00 UTC on 16 May is 19:00 on 16 May in Kiritimati (UTC+14), where it is already 16 June.
        Instant signedUp = Instant.parse("2025-05-16T05:00:00Z");
        assertThat(matches("signed_up_at in last 30 days", map("signed_up_at", signedUp))).isTrue();
        assertThat(matches("signed_up_at in last 30 days", map("signed_up_at", signedUp, "time_zone", "Pacific/Kiritimati"))).isFalse();
        assertThat(matches("signed_up_at in last 30 days", map("signed_up_at", signedUp, "time_zone", "Not/AZone")))
                .as("an unknown zone is UTC").isTrue();
    }

    @Test
    void aMissingOrUnreadableDateIsFalseBothWays() {
        assertThat(matches("renewal_at in next 7 days", map())).isFalse();
        assertThat(matches("renewal_at in last 7 days", map())).isFalse();
        assertThat(matches("not renewal_at in last 7 days", map())).isTrue();
        assertThat(matches("renewal_at in last 7 days", map("renewal_at", 12L))).isFalse();
    }

    // ---- anniversaries

    @ParameterizedTest(name = "born {0}, {1} -> {2}")
    @CsvSource(delimiter = '|', value = {"1990-06-15|birthday in next 0 days|true", "1990-06-22|birthday in next 7 days|true",
            "1990-06-23|birthday in next 7 days|false", "1990-06-14|birthday in next 7 days|false",
            "1990-06-14|birthday in next 364 days|true", "2025-06-15|birthday in next 7 days|false"})
    void birthdays(String born, String text, boolean expected) {
        assertThat(matches(text, map("birth_date", LocalDate.parse(born)))).isEqualTo(expected);
    }

    @Test
    void theTwentyNinthOfFebruaryRecursOnTheTwentyEighthInOtherYears() {
        Profile leapling = profile("p", map("birth_date", LocalDate.parse("1992-02-29")));
        Instant common = Instant.parse("2025-02-20T12:00:00Z");
        assertThat(matches("birthday in next 8 days", leapling, List.of(), common)).isTrue();
        assertThat(matches("birthday in next 7 days", leapling, List.of(), common)).isFalse();
        Instant leap = Instant.parse("2024-02-20T12:00:00Z");
        assertThat(matches("birthday in next 9 days", leapling, List.of(), leap)).isTrue();
        assertThat(matches("birthday in next 8 days", leapling, List.of(), leap)).as("the 29th exists in 2024").isFalse();
    }

    @Test
    void anniversariesCountFromTheFirstYearOnInTheProfilesZone() {
        assertThat(matches("anniversary of signed_up_at in next 0 days", map("signed_up_at", Instant.parse("2025-06-15T08:00:00Z"))))
                .as("the day itself is no anniversary").isFalse();
        assertThat(matches("anniversary of signed_up_at in next 0 days", map("signed_up_at", Instant.parse("2024-06-15T08:00:00Z"))))
                .isTrue();
        // In Kiritimati it is already 16 June.
        assertThat(matches("birthday in next 0 days", map("birth_date", LocalDate.parse("1990-06-15"), "time_zone", "Pacific/Kiritimati")))
                .isFalse();
        assertThat(matches("birthday in next 0 days", map("birth_date", LocalDate.parse("1990-06-16"), "time_zone", "Pacific/Kiritimati")))
                .isTrue();
        assertThat(matches("birthday in next 30 days", map())).isFalse();
    }

    // ---- event counts, sums and windows

    @Test
    void exactlyNTimes() {
        String text = "event product_viewed = 2 times within 14 days";
        Event a = at("product_viewed", Duration.ofDays(1));
        Event b = at("product_viewed", Duration.ofDays(14));
        Event c = at("product_viewed", Duration.ofDays(3));
        Event old = at("product_viewed", Duration.ofDays(14).plusMillis(1));
        assertThat(matches(text, a)).isFalse();
        assertThat(matches(text, a, b, old)).isTrue();
        assertThat(matches(text, a, b, c)).isFalse();
    }

    @Test
    void didNotDoWithinDays() {
        String text = "no event order within 30 days";
        assertThat(matches(text)).isTrue();
        assertThat(matches(text, at("order", Duration.ofDays(29)))).isFalse();
        assertThat(matches(text, at("order", Duration.ofDays(30)))).as("the window's start counts").isFalse();
        assertThat(matches(text, at("order", Duration.ofDays(30).plusMillis(1)))).isTrue();
        assertThat(matches(text, at("product_viewed", Duration.ofDays(1)))).isTrue();
    }

    @Test
    void betweenTwoDatesIncludesBothWholeDays() {
        String text = "event order from \"2025-01-01\" to \"2025-01-31\"";
        assertThat(matches(text, event("p", "order", Instant.parse("2025-01-01T00:00:00Z"), map()))).isTrue();
        assertThat(matches(text, event("p", "order", Instant.parse("2025-01-31T23:59:59.999Z"), map()))).isTrue();
        assertThat(matches(text, event("p", "order", Instant.parse("2025-02-01T00:00:00Z"), map()))).isFalse();
        assertThat(matches(text, event("p", "order", Instant.parse("2024-12-31T23:59:59.999Z"), map()))).isFalse();
        String instants = "event order from \"2025-01-01T10:00:00Z\" to \"2025-01-01T11:00:00Z\"";
        assertThat(matches(instants, event("p", "order", Instant.parse("2025-01-01T11:00:00Z"), map()))).isTrue();
        assertThat(matches(instants, event("p", "order", Instant.parse("2025-01-01T11:00:00.001Z"), map()))).isFalse();
    }

    @Test
    void summedPropertyAtLeast() {
        String text = "event order sum total >= 100 within 90 days";
        Event a = at("order", Duration.ofDays(1), "total", new BigDecimal("49.90"));
        Event b = at("order", Duration.ofDays(2), "total", "50.10");
        Event c = at("order", Duration.ofDays(3), "total", "fifty");
        Event d = at("order", Duration.ofDays(91), "total", 1000L);
        Event e = at("order", Duration.ofDays(4));
        assertThat(matches(text, a, b)).isTrue();
        assertThat(matches(text, a, c, d, e)).as("text, old and missing totals add nothing").isFalse();
        assertThat(matches("event order sum total >= 0", e)).as("a sum of nothing is 0").isTrue();
    }

    @Test
    void filtersOnMissingPropertiesFollowTheAttributeRule() {
        Event plain = at("product_viewed", Duration.ofDays(1));
        assertThat(matches("event product_viewed where category = \"outdoor\"", plain)).isFalse();
        assertThat(matches("event product_viewed where category != \"outdoor\"", plain)).isTrue();
        assertThat(matches("event product_viewed where (category exists and price > 3)", plain)).isFalse();
    }

    // ---- sequences

    @Test
    void addedToCartThenNoPurchaseWithinFourHours() {
        String text = "event cart_added within 30 days then no event order within 4 hours";
        Event cart = at("cart_added", Duration.ofHours(5));
        assertThat(matches(text, cart)).isTrue();
        assertThat(matches(text, cart, event("p", "order", cart.occurredAt().plus(Duration.ofHours(4)), map()))).as("at the edge").isFalse();
        assertThat(matches(text, cart, event("p", "order", cart.occurredAt().plus(Duration.ofHours(4)).plusMillis(1), map()))).isTrue();
        assertThat(matches(text, cart, event("p", "order", cart.occurredAt().minusMillis(1), map()))).as("an earlier order").isTrue();
        assertThat(matches(text, at("cart_added", Duration.ofHours(3)))).as("the four hours have not passed").isFalse();
        assertThat(matches(text, at("cart_added", Duration.ofHours(4)))).as("they have just passed").isTrue();
        assertThat(matches(text, at("cart_added", Duration.ofDays(31)))).as("outside the window").isFalse();
    }

    @Test
    void oneAbandonedCartAmongBoughtOnesIsEnough() {
        String text = "event cart_added then no event order within 4 hours";
        Event bought = at("cart_added", Duration.ofDays(2));
        Event order = event("p", "order", bought.occurredAt().plus(Duration.ofHours(1)), map());
        Event abandoned = at("cart_added", Duration.ofDays(1));
        assertThat(matches(text, bought, order)).isFalse();
        assertThat(matches(text, bought, order, abandoned)).isTrue();
    }

    @Test
    void thenWithinHours() {
        String text = "event product_viewed where category = \"outdoor\" then event order within 24 hours";
        Event view = at("product_viewed", Duration.ofDays(3), "category", "outdoor");
        assertThat(matches(text, view)).isFalse();
        assertThat(matches(text, view, event("p", "order", view.occurredAt().plus(Duration.ofHours(24)), map()))).isTrue();
        assertThat(matches(text, view, event("p", "order", view.occurredAt().plus(Duration.ofHours(24)).plusMillis(1), map()))).isFalse();
        assertThat(matches("event product_viewed then event product_viewed within 1 hours", view)).as("not its own follower").isFalse();
        assertThat(matches("event product_viewed then event product_viewed within 1 hours", view,
                event("p", "product_viewed", view.occurredAt(), map()))).isTrue();
    }

    // ---- purchase history

    @Test
    void purchaseFiguresAreZeroForSomeoneWhoHasNotBought() {
        assertThat(matches("purchase order_count = 0", map())).isTrue();
        assertThat(matches("order_count = 0", map())).as("a plain attribute is missing instead").isFalse();
        assertThat(matches("purchase lifetime_value < 1", map())).isTrue();
        assertThat(matches("purchase last_order_at exists", map())).isFalse();
        Map<String, Object> buyer = map("order_count", 3L, "lifetime_value", new BigDecimal("612.40"),
                "average_order_value", new BigDecimal("204.13"), "last_order_at", NOW.minus(Duration.ofDays(10)));
        assertThat(matches("purchase order_count >= 3 and purchase lifetime_value between 500 and 1000", buyer)).isTrue();
        assertThat(matches("purchase average_order_value > 250", buyer)).isFalse();
        assertThat(matches("last_order_at in last 30 days", buyer)).isTrue();
        assertThat(matches("last_order_at in last 9 days", buyer)).isFalse();
    }

    @Test
    void categoriesBoughtReadOrderEvents() {
        Event order = at("order", Duration.ofDays(10), "categories", "kitchen,outdoor", "category", "kitchen");
        Event single = at("order", Duration.ofDays(10), "category", "shoes");
        Event viewed = at("product_viewed", Duration.ofDays(1), "category", "garden");
        assertThat(matches("bought category = \"outdoor\" within 30 days", order)).isTrue();
        assertThat(matches("bought category = \"outdoor\" within 7 days", order)).isFalse();
        assertThat(matches("bought category in [\"garden\", \"shoes\"]", single, viewed)).isTrue();
        assertThat(matches("bought category = \"garden\"", single, viewed)).as("views are not purchases").isFalse();
        assertThat(matches("bought category = \"door\"", order)).as("whole names, not substrings").isFalse();
    }

    // ---- windows of days ago

    @Test
    void betweenDaysAgoIncludesBothEnds() {
        String text = "event page_viewed between 31 and 90 days ago";
        assertThat(matches(text, at("page_viewed", Duration.ofDays(31)))).isTrue();
        assertThat(matches(text, at("page_viewed", Duration.ofDays(90)))).isTrue();
        assertThat(matches(text, at("page_viewed", Duration.ofDays(31).minusMillis(1)))).isFalse();
        assertThat(matches(text, at("page_viewed", Duration.ofDays(90).plusMillis(1)))).isFalse();
        assertThat(matches("no event page_viewed between 31 and 90 days ago", at("page_viewed", Duration.ofDays(10)),
                at("page_viewed", Duration.ofDays(91)))).isTrue();
        assertThat(matches("event page_viewed between 1 and 1 days ago", at("page_viewed", Duration.ofDays(1)))).as("one instant").isTrue();
        assertThat(matches("event page_viewed between 1 and 2 days ago", event("p", "page_viewed", NOW.plusSeconds(60), map())))
                .as("unlike 'within', an event ahead of now is outside").isFalse();
    }

    @Test
    void boughtAndSequencesTakeDaysAgoToo() {
        assertThat(matches("bought category = \"outdoor\" between 31 and 90 days ago", at("order", Duration.ofDays(40), "category", "outdoor")))
                .isTrue();
        assertThat(matches("bought category = \"outdoor\" between 31 and 90 days ago", at("order", Duration.ofDays(20), "category", "outdoor")))
                .isFalse();
        String abandoned = "event cart_added between 2 and 7 days ago then no event order within 4 hours";
        assertThat(matches(abandoned, at("cart_added", Duration.ofDays(3)))).isTrue();
        assertThat(matches(abandoned, at("cart_added", Duration.ofDays(1)))).as("the cart is too recent").isFalse();
        assertThat(matches(abandoned, at("cart_added", Duration.ofDays(3)), at("order", Duration.ofDays(3).minusHours(1))))
                .as("an order in the hours after still counts, whatever the window").isFalse();
    }

    // ---- scores and clusters

    @Test
    void scoresCompareAsAttributesDo() {
        Map<String, Object> scores = map("engagement", new BigDecimal("42.5"), "rfm_recency", "5", "plan.loyalty", new BigDecimal("75.0000000000"));
        assertThat(matchesScores("score engagement >= 60", scores)).isFalse();
        assertThat(matchesScores("score engagement >= 42.50", scores)).isTrue();
        assertThat(matchesScores("score rfm_recency = 5", scores)).as("a numeral as text is a number").isTrue();
        assertThat(matchesScores("score plan.loyalty between 50 and 100", scores)).isTrue();
        assertThat(matchesScores("score plan.loyalty = 75", scores)).isTrue();
        assertThat(matchesScores("\"engagement\" >= 0", scores)).as("an attribute is not a score").isFalse();
    }

    @Test
    void aMissingScoreFollowsTheAttributeRule() {
        assertThat(matchesScores("score engagement > 0", map())).isFalse();
        assertThat(matchesScores("score engagement <= 0", map())).isFalse();
        assertThat(matchesScores("score engagement != 0", map())).isTrue();
        assertThat(matchesScores("score engagement not in [1, 2]", map())).isTrue();
        assertThat(matchesScores("score engagement exists", map())).isFalse();
    }

    @Test
    void clustersReadTheClusterScore() {
        Map<String, Object> scores = map("cluster", "Power buyers");
        assertThat(matchesScores("cluster = \"Power buyers\"", scores)).isTrue();
        assertThat(matchesScores("cluster in [\"Bargain hunters\", \"Power buyers\"]", scores)).isTrue();
        assertThat(matchesScores("cluster = \"power buyers\"", scores)).as("case-sensitive").isFalse();
        assertThat(matchesScores("cluster = \"Power buyers\"", map())).isFalse();
        assertThat(matchesScores("not cluster = \"Power buyers\"", map())).isTrue();
    }

    // ---- consent

    @Test
    void theLatestRecordOfThePurposeDecides() {
        ConsentRecord granted = consent("email_marketing", ConsentStatus.GRANTED, "2025-01-10T09:00:00Z");
        ConsentRecord withdrawn = consent("email_marketing", ConsentStatus.WITHDRAWN, "2025-03-01T09:00:00Z");
        ConsentRecord denied = consent("sale_sharing", ConsentStatus.DENIED, "2025-04-01T09:00:00Z");
        assertThat(matchesConsent("consent email_marketing is withdrawn", granted, withdrawn, denied)).isTrue();
        assertThat(matchesConsent("consent email_marketing is granted", granted, withdrawn, denied)).isFalse();
        assertThat(matchesConsent("consent email_marketing is granted", withdrawn, granted)).as("by time, not by place").isFalse();
        assertThat(matchesConsent("consent sale_sharing in [withdrawn, denied]", granted, withdrawn, denied)).isTrue();
        assertThat(matchesConsent("consent sms is unknown", granted, withdrawn, denied)).isTrue();
        assertThat(matchesConsent("consent sms in [granted, pending, denied, withdrawn]", granted)).isFalse();
        assertThat(matchesConsent("consent email_marketing is pending", consent("email_marketing", ConsentStatus.PENDING,
                "2025-06-15T12:00:00Z"))).isTrue();
    }

    @Test
    void ofRecordsAtOneInstantAGrantNeverWinsAndOtherwiseTheLaterCounts() {
        ConsentRecord granted = consent("email_marketing", ConsentStatus.GRANTED, "2025-03-01T09:00:00Z");
        ConsentRecord withdrawn = consent("email_marketing", ConsentStatus.WITHDRAWN, "2025-03-01T09:00:00Z");
        ConsentRecord denied = consent("email_marketing", ConsentStatus.DENIED, "2025-03-01T09:00:00Z");
        assertThat(matchesConsent("consent email_marketing is withdrawn", granted, withdrawn)).isTrue();
        assertThat(matchesConsent("consent email_marketing is withdrawn", withdrawn, granted)).as("as the consent check").isTrue();
        assertThat(matchesConsent("consent email_marketing is denied", withdrawn, denied)).isTrue();
        assertThat(matchesConsent("consent email_marketing is granted", granted, granted)).isTrue();
    }

    // ---- lifecycle

    @Test
    void theStageIsTheFirstWhoseRuleMatches() {
        Lifecycle stages = lifecycle("""
                stage vip: tier = "gold"
                stage active: event order within 30 days
                """);
        Map<String, Rule> none = Map.of();
        SegmentLookup lookup = new Fixtures.Lookup(none, java.util.Optional.of(stages));
        Event order = at("order", Duration.ofDays(3));
        EvaluationContext gold = EvaluationContext.of(profile("p", map("tier", "gold")), List.of(order), NOW, lookup);
        EvaluationContext silver = EvaluationContext.of(profile("p", map("tier", "silver")), List.of(order), NOW, lookup);
        EvaluationContext idle = EvaluationContext.of(profile("p"), List.of(), NOW, lookup);
        assertThat(matches("lifecycle = \"vip\"", gold)).isTrue();
        assertThat(matches("lifecycle = \"active\"", gold)).as("an earlier stage took them").isFalse();
        assertThat(matches("lifecycle = \"active\"", silver)).isTrue();
        assertThat(matches("lifecycle in [\"vip\", \"active\"]", idle)).isFalse();
        assertThat(matches("lifecycle = \"none\"", idle)).isTrue();
        assertThat(matches("lifecycle = \"none\"", profile("p"), List.of(), NOW)).as("no lifecycle defined").isTrue();
    }

    @Test
    void stagesMayReferToSegmentsButALifecycleConditionInAStageIsFalse() {
        Lifecycle stages = lifecycle("""
                stage looping: lifecycle in ["none", "looping", "gold"]
                stage gold: segment "gold"
                """);
        SegmentLookup lookup = new Fixtures.Lookup(Map.of("gold", rule("tier = \"gold\"")), java.util.Optional.of(stages));
        EvaluationContext gold = EvaluationContext.of(profile("p", map("tier", "gold")), List.of(), NOW, lookup);
        assertThat(matches("lifecycle = \"gold\"", gold)).isTrue();
    }
}
