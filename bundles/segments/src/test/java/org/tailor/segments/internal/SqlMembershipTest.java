package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.segments.internal.Fixtures.attribute;
import static org.tailor.segments.internal.Fixtures.event;
import static org.tailor.segments.internal.Fixtures.filter;
import static org.tailor.segments.internal.Fixtures.map;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.Direction;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.PurchaseField;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.store.internal.PostgresTestStore;

/**
 * The cases of the segment guide that are easy to get wrong in SQL, each checked against the
 * documented answer in both SQL and the in-memory evaluator, on the real store.
 */
class SqlMembershipTest {

    private static final Instant NOW = Fixtures.NOW;

    private PostgresTestStore store;
    private SegmentLookup segments = SegmentLookup.NONE;

    @BeforeEach
    void open() {
        store = PostgresTestStore.open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void numbersCompareAsNumbersWhateverTheirTypeAndTextAsText() {
        save("text", map("code", "3"), "long", map("code", 3L), "decimal", map("code", new BigDecimal("3.00")),
                "double", map("code", 3.0), "int", map("code", 3), "zeros", map("code", "03"), "word", map("code", "three"));
        assertMembers(attribute("code", "eq", 3), NOW, "text", "long", "decimal", "double", "int");
        assertMembers(attribute("code", "eq", "3.0"), NOW, "text", "long", "decimal", "double", "int");
        // "03" is text, so it compares with the literal's text "2.5": '0' < '2'.
        assertMembers(attribute("code", "gt", 2.5), NOW, "text", "long", "decimal", "double", "int", "word");
        assertMembers(attribute("code", "lt", "3"), NOW, "zeros");
        assertMembers(attribute("code", "between", List.of("s", "u")), NOW, "word");
    }

    /** Java orders text by UTF-16 unit, so an emoji (a surrogate pair) sorts before U+E000, unlike in code point order. */
    @Test
    void textComparesByUtf16UnitsAsJavaDoes() {
        save("emoji", map("name", "\uD83D\uDE00"), "private", map("name", "\uE000"), "replacement", map("name", "\uFFFD"),
                "last", map("name", "\uDBFF\uDFFF"), "ascii", map("name", "z"));
        assertMembers(attribute("name", "lt", "\uE000"), NOW, "emoji", "last", "ascii");
        assertMembers(attribute("name", "gt", "\uD83D\uDE00"), NOW, "private", "replacement", "last");
        assertMembers(attribute("name", "between", List.of("\uDBFF\uDFFF", "\uFFFD")), NOW, "private", "replacement", "last");
    }

    @Test
    void datesCompareByTheirUtcDayAndInstantsExactly() {
        save("early", map("seen", Instant.parse("2024-01-01T00:30:00Z")), "eve", map("seen", Instant.parse("2023-12-31T23:30:00Z")),
                "offset", map("seen", "2024-01-01T00:00:00+01:00"), "date", map("seen", LocalDate.of(2024, 1, 1)),
                "nanos", map("seen", Instant.parse("2024-01-01T00:00:00.000000001Z")), "text", map("seen", "yesterday"));
        assertMembers(attribute("seen", "gte", "2024-01-01"), NOW, "early", "date", "nanos", "text");
        assertMembers(attribute("seen", "gt", "2024-01-01T00:00:00Z"), NOW, "early", "nanos", "text");
        assertMembers(attribute("seen", "eq", "2024-01-01T00:00:00Z"), NOW, "date");
    }

    @Test
    void aMissingValueSatisfiesOnlyNeAndNotIn() {
        save("berlin", map("city", "Berlin"), "none", map());
        assertMembers(attribute("city", "ne", "Wien"), NOW, "berlin", "none");
        assertMembers(attribute("city", "notIn", List.of("Berlin")), NOW, "none");
        assertMembers(attribute("city", "eq", "Berlin"), NOW, "berlin");
        assertMembers(attribute("city", "lt", "zzz"), NOW, "berlin");
        assertMembers(attribute("city", "exists", null), NOW, "berlin");
        assertMembers(new Not(attribute("city", "contains", "")), NOW, "none");
    }

    @Test
    void anAttributeFallsBackToTheIdentityOfThatNamespace() {
        save("p1", map(), "p2", map("email", "attribute@example.com"));
        assertMembers(attribute("email", "eq", "p1@example.com"), NOW, "p1");
        assertMembers(attribute("email", "startsWith", "attribute"), NOW, "p2");
        assertMembers(attribute("customer_id", "in", List.of("C-p1", "C-p2")), NOW, "p1", "p2");
    }

    @Test
    void purchaseAmountsAreZeroWithoutOrdersAndTheirDatesMissing() {
        save("buyer", map("order_count", 2L, "last_order_at", Instant.parse("2025-06-01T10:00:00Z")), "new", map());
        assertMembers(new PurchaseCondition(PurchaseField.ORDER_COUNT, Operator.EQ, BigDecimal.ZERO), NOW, "new");
        assertMembers(new PurchaseCondition(PurchaseField.LIFETIME_VALUE, Operator.LT, BigDecimal.ONE), NOW, "buyer", "new");
        assertMembers(attribute("order_count", "eq", 0), NOW);
        assertMembers(new PurchaseCondition(PurchaseField.LAST_ORDER_AT, Operator.EXISTS, null), NOW, "buyer");
        assertMembers(new PurchaseCondition(PurchaseField.LAST_ORDER_AT, Operator.NE, "2025-06-01"), NOW, "new");
    }

    /** 22:30 UTC is already the next day east of UTC+1:30, and the day before west of it. */
    @Test
    void todayIsTheDayInTheProfilesTimeZone() {
        LocalDate tomorrow = LocalDate.of(2025, 6, 16);
        Instant now = Instant.parse("2025-06-15T22:30:00Z");
        save("berlin", zoned("Europe/Berlin", tomorrow), "cet", zoned("CET", tomorrow), "india", zoned("+05:30", tomorrow),
                "prefixed", zoned("UTC+02", tomorrow), "padded", zoned(" Asia/Tokyo\t", tomorrow), "utc", zoned("UTC", tomorrow),
                "unknown", zoned("Not/AZone", tomorrow), "lowercase", zoned("europe/berlin", tomorrow), "hours", zoned(-5L, tomorrow),
                "posix", zoned("Etc/GMT-2", tomorrow), "none", map("renewal_at", tomorrow));
        assertMembers(new DateCondition("renewal_at", Direction.NEXT, 0), now, "berlin", "cet", "india", "prefixed", "padded", "posix");
        assertMembers(new DateCondition("renewal_at", Direction.LAST, 0), now, "berlin", "cet", "india", "prefixed", "padded", "posix");
        assertMembers(new DateCondition("renewal_at", Direction.NEXT, 1), now, "berlin", "cet", "india", "prefixed", "padded", "posix",
                "utc", "unknown", "lowercase", "hours", "none");
    }

    @Test
    void anInstantCountsAsItsDayInTheProfilesZone() {
        Instant now = Instant.parse("2025-06-15T12:00:00Z");
        Instant lateLastNight = Instant.parse("2025-06-14T23:30:00Z");
        save("utc", map("signed_up_at", lateLastNight), "berlin", map("signed_up_at", lateLastNight, "time_zone", "Europe/Berlin"));
        assertMembers(new DateCondition("signed_up_at", Direction.LAST, 0), now, "berlin");
        assertMembers(new DateCondition("signed_up_at", Direction.LAST, 1), now, "utc", "berlin");
    }

    @Test
    void the29thOfFebruaryRecursOnThe28thInOtherYears() {
        save("leap", map("birth_date", LocalDate.of(1992, 2, 29)), "text", map("birth_date", "1992-02-29"),
                "not-a-date", map("birth_date", "1993-02-29"), "march", map("birth_date", LocalDate.of(1990, 3, 1)),
                "far", map("birth_date", LocalDate.of(-5000, 2, 28)));
        Instant february27 = Instant.parse("2025-02-27T12:00:00Z");
        assertMembers(new AnniversaryCondition("birth_date", 0), february27);
        assertMembers(new AnniversaryCondition("birth_date", 1), february27, "leap", "text", "far");
        assertMembers(new AnniversaryCondition("birth_date", 2), february27, "leap", "text", "march", "far");
        Instant leapYear = Instant.parse("2028-02-28T12:00:00Z");
        assertMembers(new AnniversaryCondition("birth_date", 0), leapYear, "far");
        assertMembers(new AnniversaryCondition("birth_date", 1), leapYear, "leap", "text", "far");
    }

    @Test
    void aDateHasNoAnniversaryBeforeItsFirstYear() {
        save("today", map("signed_up_at", NOW), "last-year", map("signed_up_at", NOW.minus(Duration.ofDays(365))),
                "next-week", map("signed_up_at", LocalDate.of(2025, 6, 20)));
        assertMembers(new AnniversaryCondition("signed_up_at", 366), NOW, "last-year");
    }

    @Test
    void countsSumsAndWindowsIncludeTheirBoundaries() {
        save("p1", map(), "p2", map());
        store.events.appendAll(List.of(
                event("p1", "order", NOW.minus(Duration.ofDays(30)), map("total", "10")),
                event("p1", "order", NOW.minus(Duration.ofDays(10)), map("total", 5.5)),
                event("p1", "order", NOW.plusSeconds(60), map("total", "x")),
                event("p2", "order", NOW.minus(Duration.ofDays(30)).minusNanos(1_000), map("total", "2e1"))));
        assertMembers(new EventCondition("order", List.of(), 3, OptionalInt.empty(), OptionalInt.of(30)), NOW, "p1");
        assertMembers(new EventCondition("order", List.of(), 0, OptionalInt.of(0), OptionalInt.of(30)), NOW, "p2");
        assertMembers(new EventCondition("order", List.of(), 0, OptionalInt.of(0), OptionalInt.of(29)), NOW, "p2");
        assertMembers(new EventCondition("order", List.of(), new Sum("total", new BigDecimal("15.5")), new LastDays(30)), NOW, "p1");
        assertMembers(new EventCondition("order", List.of(), new Sum("total", new BigDecimal("20")), new AllTime()), NOW, "p2");
        assertMembers(new EventCondition("order", List.of(filter("total", "gt", 9)), 1, OptionalInt.empty(), OptionalInt.empty()),
                NOW, "p1", "p2");
        assertMembers(new EventCondition("order", List.of(filter("total", "ne", 10)), 2, OptionalInt.of(2), OptionalInt.empty()),
                NOW, "p1");
        LocalDate windowEnd = LocalDate.ofInstant(NOW.minus(Duration.ofDays(10)), java.time.ZoneOffset.UTC);
        assertMembers(new EventCondition("order", List.of(), new Rule.Count(2, OptionalInt.empty()),
                new Between(LocalDate.of(2025, 5, 16), windowEnd)), NOW, "p1");
    }

    @Test
    void aSequenceNeedsItsHoursToHavePassedForThenNo() {
        save("bought", map(), "abandoned", map(), "recent", map());
        store.events.appendAll(List.of(
                event("bought", "cart_added", NOW.minus(Duration.ofHours(5)), map()),
                event("bought", "order", NOW.minus(Duration.ofHours(3)), map()),
                event("abandoned", "cart_added", NOW.minus(Duration.ofHours(4)), map()),
                event("recent", "cart_added", NOW.minus(Duration.ofMinutes(30)), map())));
        EventSpec cart = new EventSpec("cart_added", List.of());
        EventSpec order = new EventSpec("order", List.of());
        assertMembers(new SequenceCondition(cart, new AllTime(), false, order, 2), NOW, "bought");
        assertMembers(new SequenceCondition(cart, new AllTime(), true, order, 1), NOW, "bought", "abandoned");
        assertMembers(new SequenceCondition(cart, new AllTime(), true, order, 4), NOW, "abandoned");
        // A step needs another event: one cart is not followed by itself.
        assertMembers(new SequenceCondition(cart, new AllTime(), false, cart, 24), NOW);
    }

    @Test
    void boughtMatchesWholeCategoryNames() {
        save("lines", map(), "single", map(), "near", map());
        store.events.appendAll(List.of(
                event("lines", "order", NOW.minusSeconds(60), map("categories", "kitchen, outdoor ")),
                event("single", "order", NOW.minusSeconds(60), map("category", " shoes\u3000")),
                event("near", "order", NOW.minusSeconds(60), map("categories", "outdoors,kitchenware"))));
        assertMembers(new BoughtCondition(List.of("outdoor"), new LastDays(1)), NOW, "lines");
        assertMembers(new BoughtCondition(List.of("shoes", "kitchen"), new AllTime()), NOW, "lines", "single");
    }

    @Test
    void segmentsAreInlinedAndUnknownOrCircularOnesAreFalse() {
        save("berlin", map("city", "Berlin"), "wien", map("city", "Wien"));
        segments = id -> Map.<String, Rule>of("berliners", attribute("city", "eq", "Berlin"),
                "itself", new Not(new SegmentCondition("itself"))).entrySet().stream()
                .filter(e -> e.getKey().equals(id)).map(Map.Entry::getValue).findFirst();
        assertMembers(new SegmentCondition("berliners"), NOW, "berlin");
        assertMembers(new Not(new SegmentCondition("berliners")), NOW, "wien");
        assertMembers(new SegmentCondition("unknown"), NOW);
        assertMembers(new SegmentCondition("itself"), NOW, "berlin", "wien");
        assertMembers(new Any(List.of()), NOW);
    }

    @Test
    void profilesMergedAwayAreNotMembers() {
        save("survivor", map("city", "Berlin"), "absorbed", map("city", "Berlin"));
        store.profiles.merge("survivor", "absorbed", "same person", NOW);
        assertMembers(attribute("city", "eq", "Berlin"), NOW, "survivor");
    }

    @Test
    void aRuleSqlCannotHoldIsLeftToTheEvaluator() {
        save("p1", map("city", "Berlin"));
        SqlMembership sql = new SqlMembership(store.dataSource(), segments);
        Rule nul = attribute("city", "ne", "a\u0000b");
        assertThat(sql.count(nul, NOW)).isEmpty();
        assertThat(sql.forEachMember(nul, NOW, id -> {
            throw new AssertionError("no member expected");
        })).isFalse();
        assertThat(sql.count(attribute("city", "gt", new BigDecimal("1E+200000")), NOW)).isEmpty();
    }

    @Test
    void membersStreamPastOneFetch() {
        List<Profile> many = new ArrayList<>();
        for (int i = 0; i < SqlMembership.FETCH_SIZE * 2 + 1; i++) {
            many.add(Fixtures.profile(String.format("m%05d", i), map("n", (long) i)));
        }
        store.profiles.saveAll(many);
        SqlMembership sql = new SqlMembership(store.dataSource(), segments);
        Set<String> members = new TreeSet<>();
        assertThat(sql.forEachMember(attribute("n", "gte", 1), NOW, members::add)).isTrue();
        assertThat(members).hasSize(SqlMembership.FETCH_SIZE * 2).doesNotContain("m00000");
        assertThat(sql.count(attribute("n", "gte", 1), NOW)).hasValue(SqlMembership.FETCH_SIZE * 2);
    }

    private static Map<String, Object> zoned(Object zone, LocalDate renewal) {
        return map("time_zone", zone, "renewal_at", renewal);
    }

    /** Saves profiles given as id, attributes, id, attributes… */
    private void save(Object... idsAndAttributes) {
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < idsAndAttributes.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> attributes = (Map<String, Object>) idsAndAttributes[i + 1];
            profiles.add(Fixtures.profile((String) idsAndAttributes[i], attributes));
        }
        store.profiles.saveAll(profiles);
    }

    /** Both SQL and the evaluator, on the profiles as the store gives them back, find exactly these members. */
    private void assertMembers(Rule rule, Instant now, String... expected) {
        Set<String> inMemory = new TreeSet<>();
        store.profiles.forEach(p -> {
            List<Event> events = store.events.eventsOf(p.id(), EventWindow.ALL_TIME_START);
            if (RuleEvaluator.matches(rule, EvaluationContext.of(p, events, now, segments))) {
                inMemory.add(p.id());
            }
        });
        Set<String> inSql = new TreeSet<>();
        SqlMembership sql = new SqlMembership(store.dataSource(), segments);
        assertThat(sql.forEachMember(rule, now, inSql::add)).isTrue();
        String text = RuleTextPrinter.print(rule);
        assertThat(inMemory).as("in memory: %s", text).containsExactlyInAnyOrder(expected);
        assertThat(inSql).as("in SQL: %s", text).containsExactlyInAnyOrder(expected);
        assertThat(sql.count(rule, now)).as("count in SQL: %s", text).hasValue(expected.length);
    }
}
