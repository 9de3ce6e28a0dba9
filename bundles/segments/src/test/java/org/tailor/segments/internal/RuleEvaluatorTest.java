package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.NOW;
import static org.tailor.segments.internal.Fixtures.attribute;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.filter;
import static org.tailor.segments.internal.Fixtures.map;
import static org.tailor.segments.internal.Fixtures.order;
import static org.tailor.segments.internal.Fixtures.profile;
import static org.tailor.segments.internal.Fixtures.viewed;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;

class RuleEvaluatorTest {

    static final Profile ANN = profile("ann", map(
            "city", "Berlin",
            "country", "DE",
            "score", 42L,
            "points", "17",
            "vip", true,
            "birth_date", LocalDate.parse("1990-05-01"),
            "signed_up_at", Instant.parse("2024-03-10T08:00:00Z")));

    static final Rule TRUE = new All(List.of());
    static final Rule FALSE = new Any(List.of());

    static boolean matches(Rule rule, Profile profile) {
        return RuleEvaluator.matches(rule, profile, List.of(), NOW);
    }

    static boolean matches(Rule rule, List<Event> events) {
        return RuleEvaluator.matches(rule, profile("ann"), events, NOW);
    }

    static EventCondition events(String type, List<PropertyFilter> where, int atLeast, Integer atMost, Integer withinDays) {
        return new EventCondition(type, where, atLeast, atMost == null ? OptionalInt.empty() : OptionalInt.of(atMost),
                withinDays == null ? OptionalInt.empty() : OptionalInt.of(withinDays));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "city | eq | Berlin | true", "city | eq | berlin | false", "score | eq | 42 | true", "points | eq | 17 | true",
            "vip | eq | true | true",
            "city | ne | Berlin | false", "city | ne | Bonn | true",
            "score | gt | 41 | true", "score | gt | 42 | false", "points | gt | 9 | true",
            "score | gte | 42 | true", "score | gte | 43 | false",
            "score | lt | 43 | true", "score | lt | 42 | false",
            "score | lte | 42 | true", "score | lte | 41 | false",
            "birth_date | lt | 2000-01-01 | true", "birth_date | gt | 1990-05-01 | false",
            "signed_up_at | gte | 2024-03-10 | true", "signed_up_at | gt | 2024-03-10 | false",
            "signed_up_at | lt | 2024-03-10T08:00:01Z | true",
            "city | contains | erl | true", "city | contains | ERL | false",
            "city | startsWith | Ber | true", "city | startsWith | erl | false",
            "email | eq | ann@example.com | true", "email | contains | @example. | true", "customer_id | eq | C-ann | true",
            "city | gt | Aachen | true"})
    void everyComparisonOperator(String name, String op, String value, boolean expected) {
        Object literal = ValueComparison.kindOf(value) == ValueComparison.Kind.NUMBER ? new BigDecimal(value)
                : "true".equals(value) ? Boolean.TRUE : value;
        assertThat(matches(attribute(name, op, literal), ANN)).isEqualTo(expected);
    }

    @Test
    void inAndNotIn() {
        assertThat(matches(attribute("country", "in", List.of("DE", "AT", "CH")), ANN)).isTrue();
        assertThat(matches(attribute("country", "in", List.of("FR")), ANN)).isFalse();
        assertThat(matches(attribute("score", "in", List.of(1, 42)), ANN)).isTrue();
        assertThat(matches(attribute("country", "notIn", List.of("DE", "AT")), ANN)).isFalse();
        assertThat(matches(attribute("country", "notIn", List.of("FR")), ANN)).isTrue();
    }

    @Test
    void existsAndBetween() {
        assertThat(matches(attribute("city", "exists", null), ANN)).isTrue();
        assertThat(matches(attribute("email", "exists", null), ANN)).as("identities count as present").isTrue();
        assertThat(matches(attribute("phone", "exists", null), ANN)).isFalse();
        assertThat(matches(attribute("score", "between", List.of(42, 50)), ANN)).as("low end inclusive").isTrue();
        assertThat(matches(attribute("score", "between", List.of(10, 42)), ANN)).as("high end inclusive").isTrue();
        assertThat(matches(attribute("score", "between", List.of(43, 50)), ANN)).isFalse();
        assertThat(matches(attribute("birth_date", "between", List.of("1990-01-01", "1990-12-31")), ANN)).isTrue();
        assertThat(matches(attribute("city", "between", List.of("A", "C")), ANN)).isTrue();
    }

    @Test
    void aMissingValueOnlySatisfiesNeAndNotIn() {
        Profile nobody = profile("nobody");
        assertThat(matches(attribute("city", "ne", "Berlin"), nobody)).isTrue();
        assertThat(matches(attribute("city", "notIn", List.of("Berlin")), nobody)).isTrue();
        for (Rule rule : List.of(attribute("city", "eq", "Berlin"), attribute("city", "in", List.of("Berlin")),
                attribute("city", "gt", "A"), attribute("city", "gte", "A"), attribute("city", "lt", "Z"),
                attribute("city", "lte", "Z"), attribute("city", "contains", ""), attribute("city", "startsWith", ""),
                attribute("city", "exists", null), attribute("city", "between", List.of("A", "Z")))) {
            assertThat(matches(rule, nobody)).as("%s", rule).isFalse();
        }
    }

    @Test
    void attributesTakePrecedenceOverIdentities() {
        Profile odd = profile("odd", map("email", "override@example.com"));
        assertThat(matches(attribute("email", "eq", "override@example.com"), odd)).isTrue();
    }

    @Test
    void allAnyNotNest() {
        Rule berlin = attribute("city", "eq", "Berlin");
        Rule france = attribute("country", "eq", "FR");
        assertThat(matches(TRUE, ANN)).as("empty all").isTrue();
        assertThat(matches(FALSE, ANN)).as("empty any").isFalse();
        assertThat(matches(new All(List.of(berlin, france)), ANN)).isFalse();
        assertThat(matches(new Any(List.of(berlin, france)), ANN)).isTrue();
        assertThat(matches(new All(List.of(berlin, new Not(france))), ANN)).isTrue();
        assertThat(matches(new Not(new Any(List.of(france, new Not(berlin)))), ANN)).isTrue();
        assertThat(matches(new Any(List.of(new All(List.of(france, berlin)), new Not(new Not(france)))), ANN)).isFalse();
    }

    @Test
    void anEventExactlyWithinDaysAgoCountsAndOneMillisecondEarlierDoesNot() {
        Instant boundary = NOW.minus(Duration.ofDays(30));
        Rule viewedOnce = events("product_viewed", List.of(), 1, null, 30);

        assertThat(matches(viewedOnce, List.of(viewed("ann", "outdoor", boundary)))).isTrue();
        assertThat(matches(viewedOnce, List.of(viewed("ann", "outdoor", boundary.minusMillis(1))))).isFalse();
        assertThat(matches(viewedOnce, List.of(viewed("ann", "outdoor", NOW)))).isTrue();
        assertThat(matches(viewedOnce, List.of(viewed("ann", "outdoor", NOW.plusSeconds(60)))))
                .as("no upper bound, like the store's eventsOf").isTrue();
        assertThat(matches(events("product_viewed", List.of(), 1, null, null), List.of(viewed("ann", "x", Instant.parse("1999-01-01T00:00:00Z")))))
                .as("without a window every event counts").isTrue();
    }

    @Test
    void atLeastAndAtMostAreInclusive() {
        List<Event> three = List.of(viewed("ann", "outdoor", NOW.minusSeconds(10)), viewed("ann", "outdoor", NOW.minusSeconds(20)),
                viewed("ann", "outdoor", NOW.minusSeconds(30)));
        assertThat(matches(events("product_viewed", List.of(), 3, null, 30), three)).isTrue();
        assertThat(matches(events("product_viewed", List.of(), 4, null, 30), three)).isFalse();
        assertThat(matches(events("product_viewed", List.of(), 0, 3, 30), three)).isTrue();
        assertThat(matches(events("product_viewed", List.of(), 0, 2, 30), three)).isFalse();
        assertThat(matches(events("product_viewed", List.of(), 2, 3, 30), three)).isTrue();
        assertThat(matches(events("product_viewed", List.of(), 0, 0, 30), List.of())).as("'never' is atMost 0").isTrue();
        assertThat(matches(events("product_viewed", List.of(), 0, 0, 30), three)).isFalse();
        assertThat(matches(events("order", List.of(), 1, null, 30), three)).as("other types do not count").isFalse();
    }

    @Test
    void whereFiltersMustAllHold() {
        List<Event> events = List.of(
                event("ann", "order", NOW.minusSeconds(60), map("category", "outdoor", "total", new BigDecimal("120.00"))),
                event("ann", "order", NOW.minusSeconds(120), map("category", "outdoor", "total", "15.5")),
                event("ann", "order", NOW.minusSeconds(180), map("category", "kitchen", "total", new BigDecimal("300"))),
                event("ann", "order", NOW.minusSeconds(240), Map.of()));
        assertThat(countMatching(List.of(filter("category", "eq", "outdoor")), events)).isEqualTo(2);
        assertThat(countMatching(List.of(filter("category", "eq", "outdoor"), filter("total", "gte", 100)), events)).isEqualTo(1);
        assertThat(countMatching(List.of(filter("total", "lt", 20)), events)).as("numeral string property").isEqualTo(1);
        assertThat(countMatching(List.of(filter("category", "ne", "outdoor")), events)).as("missing property is 'ne'").isEqualTo(2);
        assertThat(countMatching(List.of(filter("category", "exists", null)), events)).isEqualTo(3);
        assertThat(countMatching(List.of(filter("category", "in", List.of("kitchen", "garden"))), events)).isEqualTo(1);
        assertThat(countMatching(List.of(), events)).isEqualTo(4);
    }

    private static int countMatching(List<PropertyFilter> where, List<Event> events) {
        // The largest n for which "atLeast n" holds is the number of matching events.
        int n = 0;
        while (matches(events("order", where, n + 1, null, 30), events)) {
            n++;
        }
        return n;
    }

    @Test
    void theDemoRule() {
        Rule outdoorFans = RuleParserTest.DEMO_RULE;
        Instant day = NOW.minus(Duration.ofDays(1));
        List<Event> views = new ArrayList<>(List.of(viewed("ann", "outdoor", day), viewed("ann", "outdoor", NOW.minus(Duration.ofDays(10))),
                viewed("ann", "outdoor", NOW.minus(Duration.ofDays(30)))));
        assertThat(matches(outdoorFans, views)).as("three outdoor views, the last exactly 30 days ago").isTrue();

        List<Event> withKitchenOrder = new ArrayList<>(views);
        withKitchenOrder.add(order("ann", "kitchen", NOW.minus(Duration.ofDays(2))));
        assertThat(matches(outdoorFans, withKitchenOrder)).as("an order of another category does not exclude").isTrue();

        List<Event> withOldOrder = new ArrayList<>(views);
        withOldOrder.add(order("ann", "outdoor", NOW.minus(Duration.ofDays(30)).minusSeconds(1)));
        assertThat(matches(outdoorFans, withOldOrder)).as("an outdoor order just outside the window does not exclude").isTrue();

        List<Event> withOrder = new ArrayList<>(views);
        withOrder.add(order("ann", "outdoor", NOW.minus(Duration.ofDays(30))));
        assertThat(matches(outdoorFans, withOrder)).as("an outdoor order within 30 days excludes").isFalse();

        List<Event> twoRecentViews = List.of(viewed("ann", "outdoor", day), viewed("ann", "outdoor", day),
                viewed("ann", "outdoor", NOW.minus(Duration.ofDays(31))), viewed("ann", "garden", day));
        assertThat(matches(outdoorFans, twoRecentViews)).as("only two outdoor views inside the window").isFalse();
    }

    @Test
    void theWindowIsTheWidestAnyConditionNeeds() {
        Rule city = attribute("city", "eq", "Berlin");
        assertThat(RuleEvaluator.windowOf(city)).isEqualTo(EventWindow.NONE);
        assertThat(RuleEvaluator.windowOf(new All(List.of(city, new Not(events("order", List.of(), 1, null, 7)),
                new Any(List.of(events("product_viewed", List.of(), 1, null, 30))))))).isEqualTo(EventWindow.ofDays(30));
        assertThat(RuleEvaluator.windowOf(new Any(List.of(events("order", List.of(), 1, null, 7), events("order", List.of(), 1, null, null)))))
                .isEqualTo(EventWindow.ALL_TIME);
        assertThat(EventWindow.ofDays(30).since(NOW)).contains(NOW.minus(Duration.ofDays(30)));
        assertThat(EventWindow.NONE.since(NOW)).isEmpty();
        assertThat(EventWindow.ALL_TIME.since(NOW)).contains(EventWindow.ALL_TIME_START);
    }
}
