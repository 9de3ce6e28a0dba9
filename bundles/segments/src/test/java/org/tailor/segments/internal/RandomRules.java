package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;

/**
 * Random rule trees, profiles and events from one seed, so that a failing case can be re-run
 * exactly. Values are drawn from small pools that collide often (so conditions are sometimes
 * true and sometimes false) and that include the awkward cases: numerals as text, dates as
 * text, leading zeros, quotes, backslashes, non-ASCII, events exactly on a window boundary.
 */
final class RandomRules {

    static final List<String> ATTRIBUTES = List.of("city", "country", "score", "points", "vip", "birth_date",
            "signed_up_at", "email", "tier", "time_zone", "last_order_at", "order_count", "lifetime_value", "event", "first name");
    static final List<String> DATE_ATTRIBUTES = List.of("birth_date", "signed_up_at", "last_order_at", "renewal_at", "city");
    static final List<String> ZONES = List.of("UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "Not/AZone");
    static final List<String> CATEGORIES = List.of("outdoor", "kitchen", "shoes");
    static final List<String> SEGMENT_IDS = List.of("vip", "buyers", "2024-leads");
    static final List<String> PROPERTIES = List.of("category", "total", "sku", "channel");
    static final List<String> EVENT_TYPES = List.of("product_viewed", "order", "email_opened", "cart_added");
    static final List<String> TEXTS = List.of("Berlin", "berlin", "Wien", "", " ", "outdoor", "kitchen", "10", "9", "-1.5",
            "01234", "2024-01-01", "2024-03-10T08:00:00Z", "100%", "quote\"d", "back\\slash", "tab\there", "\u00fcn\u00efc\u00f8d\u00e9",
            "\uD83D\uDE00", "true", "p1@example.com");
    static final List<Integer> WINDOW_DAYS = List.of(1, 7, 14, 30, 60);
    /** Score names, with the awkward ones: a digit first, a keyword, the cluster score itself. */
    static final List<String> SCORES = List.of("engagement", "rfm_recency", "plan.loyalty", "2024.rfm", "and", Rule.CLUSTER_SCORE);
    static final List<String> CLUSTERS = List.of("Power buyers", "Bargain hunters", "10", "quote\"d");
    static final List<String> PURPOSES = List.of(ConsentRecord.EMAIL_MARKETING, ConsentRecord.SALE_SHARING, "sms", "3rd_party", "or");
    /** Stage names for lifecycles; conditions also test {@code none} and one no lifecycle defines. */
    static final List<String> STAGES = List.of("new_subscriber", "active", "at_risk", "churned");
    static final List<String> TESTED_STAGES = List.of("new_subscriber", "active", "at_risk", "churned", "none", "vip2");

    /** Text that sorts differently by UTF-16 unit and by code point, and the characters around it. */
    static final List<String> WIDE_TEXTS = List.of("\uE000", "\uFFFD", "\uD83D\uDE00", "\uDBFF\uDFFF", "a\uFFFDb",
            "a\uD83D\uDE00b", "\uFB01", "\u00A0pad\u2003", " Europe/Berlin ", "\u0001");
    /** Time zone attribute values: ids, offsets in every form ZoneId.of takes, and ones it refuses. */
    static final List<String> WIDE_ZONES = List.of("UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles",
            "Asia/Kolkata", "Australia/Lord_Howe", "CET", "EET", "MET", "WET", "EST5EDT", "Etc/GMT+5", "Etc/GMT-14", "GMT0",
            "Zulu", "+05:30", "-5", "+0545", "-09:30:15", "+18", "+18:00:01", "UTC+10", "UT-3", "GMT+05:45", " Asia/Tokyo\t",
            "europe/berlin", "EST", "Not/AZone", "", "Z", "+5:30", "UTC0");

    final long seed;
    private final Random random;
    private final boolean wideLiterals;
    private int profiles;
    private int events;

    RandomRules(long seed) {
        this(seed, false);
    }

    /**
     * @param wideLiterals whether rules also compare with the values of {@link #storedValue}: numerals
     *     and dates in every form, and text beyond the Basic Multilingual Plane
     */
    RandomRules(long seed, boolean wideLiterals) {
        this.seed = seed;
        this.random = new Random(seed);
        this.wideLiterals = wideLiterals;
    }

    Rule rule(int depth) {
        if (depth <= 0 || random.nextInt(3) == 0) {
            return condition();
        }
        switch (random.nextInt(3)) {
            case 0:
                return new All(rules(depth - 1));
            case 1:
                return new Any(rules(depth - 1));
            default:
                return new Not(rule(depth - 1));
        }
    }

    private List<Rule> rules(int depth) {
        List<Rule> rules = new ArrayList<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            rules.add(rule(depth));
        }
        return rules;
    }

    /** Any kind of condition, segment references included. */
    Rule condition() {
        switch (random.nextInt(14)) {
            case 0:
            case 1:
                return attributeCondition();
            case 2:
            case 3:
                return eventCondition();
            case 4:
                return new Rule.DateCondition(pick(DATE_ATTRIBUTES), random.nextBoolean() ? Rule.Direction.LAST : Rule.Direction.NEXT,
                        pick(List.of(0, 1, 7, 30, 400)));
            case 5:
                return new Rule.AnniversaryCondition(pick(DATE_ATTRIBUTES), pick(List.of(0, 1, 7, 30, 366)));
            case 6:
                return sequence();
            case 7: {
                Operator op = pick(List.of(Operator.values()));
                return new Rule.PurchaseCondition(pick(List.of(Rule.PurchaseField.values())), op, literal(op));
            }
            case 8: {
                List<String> categories = new ArrayList<>(new LinkedHashSet<>(List.of(pick(CATEGORIES), pick(CATEGORIES))));
                return new Rule.BoughtCondition(categories, window());
            }
            case 9:
                return scoreCondition();
            case 10:
                return new Rule.ClusterCondition(some(CLUSTERS));
            case 11:
                return new Rule.ConsentCondition(pick(PURPOSES), some(List.of(Rule.ConsentState.values())));
            case 12:
                return new Rule.LifecycleCondition(some(TESTED_STAGES));
            default:
                return new Rule.SegmentCondition(pick(SEGMENT_IDS));
        }
    }

    Rule.ScoreCondition scoreCondition() {
        Operator op = pick(List.of(Operator.values()));
        return new Rule.ScoreCondition(pick(SCORES), op, literal(op));
    }

    /** One to three of the values, in random order, without repeats. */
    <T> List<T> some(List<T> from) {
        Set<T> chosen = new LinkedHashSet<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            chosen.add(pick(from));
        }
        return List.copyOf(chosen);
    }

    Rule.SequenceCondition sequence() {
        return new Rule.SequenceCondition(new Rule.EventSpec(pick(EVENT_TYPES), filters()), window(), random.nextBoolean(),
                new Rule.EventSpec(pick(EVENT_TYPES), filters()), pick(List.of(1, 4, 24, 72)));
    }

    Rule.Window window() {
        switch (random.nextInt(5)) {
            case 0:
                return new Rule.AllTime();
            case 4: {
                int from = random.nextBoolean() ? pick(WINDOW_DAYS) : 1 + random.nextInt(60);
                return new Rule.DaysAgo(from, random.nextBoolean() ? from : from + pick(WINDOW_DAYS));
            }
            case 1: {
                LocalDate from = LocalDate.of(2025, 3, 1).plusDays(random.nextInt(90));
                return new Rule.Between(from, random.nextBoolean() ? from.plusDays(random.nextInt(60))
                        : from.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().plusSeconds(random.nextInt(5_000_000)));
            }
            default:
                return new Rule.LastDays(random.nextInt(3) == 0 ? 1 + random.nextInt(90) : pick(WINDOW_DAYS));
        }
    }

    private List<PropertyFilter> filters() {
        List<PropertyFilter> where = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            Operator op = pick(List.of(Operator.values()));
            where.add(new PropertyFilter(pick(PROPERTIES), op, literal(op)));
        }
        return where;
    }

    AttributeCondition attributeCondition() {
        Operator op = pick(List.of(Operator.values()));
        return new AttributeCondition(pick(ATTRIBUTES), op, literal(op));
    }

    EventCondition eventCondition() {
        List<PropertyFilter> where = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            Operator op = pick(List.of(Operator.values()));
            where.add(new PropertyFilter(pick(PROPERTIES), op, literal(op)));
        }
        if (random.nextInt(5) == 0) {
            return new EventCondition(pick(EVENT_TYPES), where, new Rule.Sum(pick(PROPERTIES), number()), window());
        }
        int atLeast = random.nextInt(4);
        OptionalInt atMost = random.nextInt(3) == 0 ? OptionalInt.of(atLeast + random.nextInt(3)) : OptionalInt.empty();
        return new EventCondition(pick(EVENT_TYPES), where, new Rule.Count(atLeast, atMost), window());
    }

    Object literal(Operator op) {
        if (wideLiterals && op != Operator.EXISTS && op != Operator.BETWEEN && random.nextInt(3) == 0) {
            return wideLiteral(op);
        }
        switch (op) {
            case EXISTS:
                return null;
            case EQ:
            case NE:
                return scalar();
            case IN:
            case NOT_IN:
                List<Object> values = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    values.add(scalar());
                }
                return values;
            case GT:
            case GTE:
            case LT:
            case LTE:
                return random.nextBoolean() ? number() : pick(TEXTS);
            case CONTAINS:
            case STARTS_WITH:
                return pick(TEXTS);
            case BETWEEN:
                return range();
            default:
                throw new AssertionError(op);
        }
    }

    /** Two literals of one kind, low first. */
    private List<Object> range() {
        Object a;
        Object b;
        switch (random.nextInt(3)) {
            case 0:
                a = number();
                b = number();
                break;
            case 1:
                a = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000)).toString();
                b = random.nextBoolean() ? LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000)).toString()
                        : Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(200_000_000)).toString();
                break;
            default:
                List<String> texts = TEXTS.stream().filter(t -> ValueComparison.kindOf(t) == ValueComparison.Kind.TEXT).toList();
                a = pick(texts);
                b = pick(texts);
        }
        return ValueComparison.compare(a, b) <= 0 ? List.of(a, b) : List.of(b, a);
    }

    private Object scalar() {
        switch (random.nextInt(3)) {
            case 0:
                return pick(TEXTS);
            case 1:
                return number();
            default:
                return random.nextBoolean();
        }
    }

    BigDecimal number() {
        switch (random.nextInt(4)) {
            case 0:
                return BigDecimal.valueOf(random.nextInt(201) - 100);
            case 1:
                return BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 1 + random.nextInt(3));
            case 2:
                return new BigDecimal(pick(List.of("0", "9", "10", "42", "17", "1E+3", "2.50", "-1.5", "0.000")));
            default:
                return BigDecimal.valueOf(random.nextLong()).scaleByPowerOfTen(random.nextInt(11) - 5);
        }
    }

    private Object wideLiteral(Operator op) {
        switch (op) {
            case IN:
            case NOT_IN:
                return List.of(wideScalar(), wideScalar());
            case CONTAINS:
            case STARTS_WITH: {
                String text = pick(TEXTS);
                return either(pick(WIDE_TEXTS), text.substring(0, Math.min(2, text.length())));
            }
            default:
                return wideScalar();
        }
    }

    private Object wideScalar() {
        switch (random.nextInt(4)) {
            case 0:
                return dateText();
            case 1:
                return numberText();
            case 2:
                return pick(WIDE_TEXTS);
            default: {
                String text = numberText();
                return text.matches("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?") ? new BigDecimal(text) : number();
            }
        }
    }

    /**
     * Text in or near the date forms ValueComparison reads: ISO dates and date-times with every
     * kind of offset, and ones just outside (the 29th of February in other years, hour 24, a
     * missing zone, a space for the 'T').
     */
    String dateText() {
        String date = pick(List.of("2024", "2023", "2025", "0000", "1999", "9999", "2100")) + "-"
                + pick(List.of("01", "02", "06", "12", "00", "13")) + "-" + pick(List.of("01", "14", "15", "16", "28", "29", "30", "31", "00", "32"));
        if (random.nextBoolean()) {
            return date;
        }
        StringBuilder text = new StringBuilder(date).append(pick(List.of("T", "T", "T", "t", " ")))
                .append(pick(List.of("00", "10", "12", "23", "24", "1"))).append(':').append(pick(List.of("00", "30", "59", "60")));
        if (random.nextInt(4) > 0) {
            text.append(':').append(pick(List.of("00", "59", "60")));
            if (random.nextBoolean()) {
                text.append('.').append("123456789123".substring(0, random.nextInt(11)));
            }
        }
        return text.append(pick(List.of("Z", "Z", "z", "+01", "+01:00", "-05:30", "+0100", "+18:00", "+18:01", "-18:00", "+01:00:30",
                "+00:00:60", "+1", "", "UTC", "-00:00"))).toString();
    }

    /** Text in or near JSON number syntax. */
    String numberText() {
        if (random.nextInt(4) == 0) {
            return pick(List.of("-0", "01", "1.", ".5", "+1", "1e5", "1E+5", "1e-5", "-1.5e3", "0.000", "9".repeat(100), "1" + "0".repeat(101),
                    "1e9999", "1e-9999", "2e", "0x10", "1_000", "\u0661"));
        }
        String integer = random.nextInt(5) == 0 ? "0" : Integer.toString(1 + random.nextInt(200));
        String fraction = random.nextBoolean() ? "" : "." + "5050".substring(0, 1 + random.nextInt(4));
        String exponent = random.nextInt(4) == 0 ? pick(List.of("e3", "E-2", "e+1")) : "";
        return (random.nextInt(3) == 0 ? "-" : "") + integer + fraction + exponent;
    }

    /**
     * A value of any type the store's codec keeps, with the awkward ones: numerals and dates as
     * text in every form, all the number types, non-finite floating point, dates and instants far
     * outside today's years, instants with nanoseconds, text beyond the Basic Multilingual Plane.
     * No text holds U+0000, which PostgreSQL cannot store as text (see StoredValueSql).
     */
    Object storedValue(Instant now) {
        switch (random.nextInt(16)) {
            case 0:
                return pick(TEXTS);
            case 1:
                return dateText();
            case 2:
                return numberText();
            case 3:
                return pick(WIDE_TEXTS);
            case 4:
                return (long) random.nextInt(201) - 100;
            case 5:
                return pick(List.<Object>of(7, (short) -3, (byte) 10, new java.math.BigInteger("123456789012345678901234567890"), -5));
            case 6:
                return pick(List.of(0.5, -0.0, 1.0E10, 1.0E-7, 2.5e300, 4.9E-324, Double.NaN, Double.NEGATIVE_INFINITY, 9.5, 100.0));
            case 7:
                return pick(List.of(0.1f, 1.4E-45f, 3.4028235E38f, Float.NaN, 10f, -2.5f));
            case 8:
                return either(number(), new BigDecimal(pick(List.of("1E+3", "0E-10", "-0.0", "1.50", "12345678901234567890.123", "9.5"))));
            case 9:
                return random.nextBoolean();
            case 10:
                return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000));
            case 11:
                return pick(List.of(LocalDate.of(-5000, 3, 1), LocalDate.of(0, 2, 29), LocalDate.of(10_000, 6, 15), LocalDate.of(1_000_000, 1, 1),
                        LocalDate.of(1992, 2, 29), LocalDate.of(2000, 2, 29), LocalDate.of(1980, 6, 16)));
            case 12:
                return now.minusSeconds(random.nextInt(100_000_000)).plusNanos(random.nextInt(3) * 333_333_333L);
            case 13:
                return pick(List.of(Instant.parse("-5000-06-15T10:00:00Z"), Instant.parse("+100000-01-01T00:00:00Z"),
                        Instant.parse("0000-02-29T23:30:00Z"), Instant.parse("1992-02-29T22:00:00Z"), now.plusNanos(1),
                        Instant.parse("-100000-06-15T23:59:59.999999999Z"), Instant.parse("2025-06-15T23:59:59.9999995Z")));
            case 14:
                return now.plus(Duration.ofDays(random.nextInt(800) - 400)).plusSeconds(random.nextInt(86_400));
            default:
                return value(now);
        }
    }

    /**
     * A profile as {@link #profile} makes them, with values from {@link #storedValue}, a time
     * zone from {@link #WIDE_ZONES} and, sometimes, two identities in one namespace.
     */
    Profile storedProfile(Instant now) {
        String id = "p" + (++profiles);
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            if (!name.equals("email") && random.nextInt(5) < 3) {
                attributes.put(name, name.equals("time_zone") ? either(pick(WIDE_ZONES), storedValue(now)) : storedValue(now));
            }
        }
        for (String name : DATE_ATTRIBUTES) {
            if (random.nextInt(3) == 0) {
                attributes.put(name, storedValue(now));
            }
        }
        Set<Identity> identities = new LinkedHashSet<>();
        if (random.nextInt(4) > 0) {
            identities.add(new Identity(Identity.EMAIL, id + "@example.com"));
        }
        if (random.nextInt(4) == 0) {
            identities.add(new Identity(Identity.EMAIL, pick(List.of("a", "Z", "\u00e9", "0")) + id + "@example.org"));
        }
        if (random.nextInt(3) == 0) {
            identities.add(new Identity("city", pick(TEXTS) + id));
        }
        return new Profile(id, identities, attributes, Fixtures.CREATED, Fixtures.CREATED);
    }

    /** Events as {@link #events} makes them, with values from {@link #storedValue}, nulls among them. */
    List<Event> storedEvents(String profileId, Instant now) {
        List<Event> list = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String name : PROPERTIES) {
                switch (random.nextInt(4)) {
                    case 0:
                        break;
                    case 1:
                        properties.put(name, pick(List.of("outdoor", "kitchen", "10", "9.5")));
                        break;
                    default:
                        properties.put(name, random.nextInt(10) == 0 ? null : storedValue(now));
                }
            }
            if (random.nextInt(3) == 0) {
                properties.put("categories", pick(List.of(String.join(",", new LinkedHashSet<>(List.of(pick(CATEGORIES), pick(CATEGORIES)))),
                        " outdoor , ,kitchen\u3000", "shoes,", ",outdoor,", "kitchenware", 42L)));
            }
            list.add(new Event("e" + (++events), profileId, pick(EVENT_TYPES), occurredAt(now).plusNanos(random.nextInt(3) * 400),
                    properties, "random"));
        }
        return list;
    }

    /** A value as the store holds them: String, Long, BigDecimal, Boolean, LocalDate or Instant. */
    Object value(Instant now) {
        switch (random.nextInt(6)) {
            case 0:
                return pick(TEXTS);
            case 1:
                return (long) random.nextInt(201) - 100;
            case 2:
                return number();
            case 3:
                return random.nextBoolean();
            case 4:
                return LocalDate.of(2020, 1, 1).plusDays(random.nextInt(2000));
            default:
                return now.minusSeconds(random.nextInt(100_000_000));
        }
    }

    Profile profile(Instant now) {
        String id = "p" + (++profiles);
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : ATTRIBUTES) {
            if (!name.equals("email") && random.nextInt(5) < 3) {
                attributes.put(name, name.equals("time_zone") ? pick(ZONES) : value(now));
            }
        }
        if (random.nextBoolean()) {
            attributes.put("renewal_at", random.nextBoolean() ? LocalDate.of(2025, 6, 15).plusDays(random.nextInt(60) - 30)
                    : now.plusSeconds(random.nextInt(20 * 86_400) - 10 * 86_400));
        }
        if (random.nextInt(4) == 0) {
            attributes.put("birth_date", pick(List.of(LocalDate.of(1992, 2, 29), LocalDate.of(1980, 6, 15), LocalDate.of(1980, 6, 16),
                    LocalDate.of(1999, 6, 22), LocalDate.of(2001, 1, 1))));
        }
        Set<Identity> identities = new LinkedHashSet<>();
        if (random.nextInt(4) > 0) {
            identities.add(new Identity(Identity.EMAIL, id + "@example.com"));
        }
        return new Profile(id, identities, attributes, Fixtures.CREATED, Fixtures.CREATED);
    }

    List<Event> events(String profileId, Instant now) {
        List<Event> list = new ArrayList<>();
        int n = random.nextInt(9);
        for (int i = 0; i < n; i++) {
            Map<String, Object> properties = new LinkedHashMap<>();
            for (String name : PROPERTIES) {
                if (random.nextBoolean()) {
                    properties.put(name, random.nextBoolean() ? pick(List.of("outdoor", "kitchen", "10", "9.5")) : value(now));
                }
            }
            if (random.nextInt(3) == 0) {
                properties.put("categories", String.join(",", new LinkedHashSet<>(List.of(pick(CATEGORIES), pick(CATEGORIES)))));
            }
            list.add(new Event("e" + (++events), profileId, pick(EVENT_TYPES), occurredAt(now), properties, "random"));
        }
        return list;
    }

    /** Often exactly on or a millisecond either side of a window's start, sometimes ahead of now. */
    private Instant occurredAt(Instant now) {
        switch (random.nextInt(5)) {
            case 0:
            case 1:
                return now.minus(Duration.ofDays(pick(WINDOW_DAYS))).plusMillis(random.nextInt(3) - 1);
            case 2:
                return now.plusSeconds(random.nextInt(86_400));
            case 3:
                return now.minus(Duration.ofHours(pick(List.of(1, 4, 24, 72)))).plusMillis(random.nextInt(3) - 1);
            default:
                return now.minusSeconds(random.nextInt(100 * 86_400));
        }
    }

    /** Scores as the score store holds them: BigDecimal or String, the cluster a name. */
    Map<String, Object> scores() {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (String name : SCORES) {
            if (random.nextInt(5) < 3) {
                scores.put(name, name.equals(Rule.CLUSTER_SCORE) ? pick(CLUSTERS) : random.nextBoolean() ? number() : pick(TEXTS));
            }
        }
        return scores;
    }

    /** A consent history, oldest first as the store gives it, often with two records at one instant. */
    List<ConsentRecord> consents(String profileId, Instant now) {
        List<ConsentRecord> history = new ArrayList<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            Instant at = now.minus(Duration.ofDays(pick(List.of(1, 30, 400))));
            history.add(new ConsentRecord(profileId, pick(PURPOSES), pick(List.of(ConsentStatus.values())), at, "random:" + i));
        }
        history.sort(Comparator.comparing(ConsentRecord::recordedAt));
        return history;
    }

    /** One to three stages, whose rules may test the lifecycle themselves or refer to segments. */
    Lifecycle lifecycle(int depth) {
        List<Lifecycle.Stage> stages = new ArrayList<>();
        for (String name : some(STAGES)) {
            stages.add(new Lifecycle.Stage(name, rule(depth)));
        }
        return new Lifecycle(stages);
    }

    String segmentId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder id = new StringBuilder().append(alphabet.charAt(random.nextInt(36)));
        int n = random.nextInt(20);
        for (int i = 0; i < n; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    String text() {
        return pick(TEXTS) + pick(TEXTS);
    }

    <T> T either(T a, T b) {
        return random.nextBoolean() ? a : b;
    }

    <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
