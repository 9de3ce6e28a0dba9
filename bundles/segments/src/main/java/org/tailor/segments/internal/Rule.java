package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.tailor.api.model.ConsentStatus;

/**
 * A segment rule: a typed tree of conditions. Rules are plain data, never code; the only way to
 * give them meaning is {@link RuleEvaluator}. The records check their invariants so that a rule
 * that exists is a rule that can be evaluated and printed, in JSON and in the text syntax.
 */
sealed interface Rule {

    /** The event types ingest accepts. */
    Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** A hundred years; more is a typo, and it keeps window arithmetic far from overflow. */
    int MAX_DAYS = 36_500;
    /** A year of hours: a sequence's second step further away than that is a typo. */
    int MAX_HOURS = 8_784;
    /** Score names, as the score store allows them. */
    Pattern SCORE = Pattern.compile("[a-z0-9_.]{1,128}");
    /** Consent purposes, such as {@code email_marketing}; the store keeps up to 128 characters. */
    Pattern PURPOSE = Pattern.compile("[a-z0-9_]{1,128}");
    /** The score that holds a profile's cluster. */
    String CLUSTER_SCORE = "cluster";

    /** Matches when every child matches; with no children it matches everyone. */
    record All(List<Rule> rules) implements Rule {
        public All {
            rules = List.copyOf(rules);
        }
    }

    /** Matches when at least one child matches; with no children it matches no one. */
    record Any(List<Rule> rules) implements Rule {
        public Any {
            rules = List.copyOf(rules);
        }
    }

    /** Matches when its child does not. */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * Compares one profile value with a literal; see {@link RuleEvaluator} for where the value
     * comes from and what a missing one means.
     *
     * @param attribute the attribute name, never blank
     * @param op the operator
     * @param value the literal, null exactly when {@code op} is {@code exists}
     */
    record AttributeCondition(String attribute, Operator op, Object value) implements Rule {
        public AttributeCondition {
            requireName(attribute, "attribute");
            value = checkedLiteral(op, value);
        }
    }

    /** Which side of today a {@link DateCondition} looks at. */
    enum Direction { LAST, NEXT }

    /**
     * Matches when the date (or the day of the instant) in the attribute falls within the last
     * or the next {@code days} days, today included, in the profile's time zone.
     */
    record DateCondition(String attribute, Direction direction, int days) implements Rule {
        public DateCondition {
            requireName(attribute, "attribute");
            Objects.requireNonNull(direction, "direction");
            requireRange(days, 0, MAX_DAYS, "days");
        }
    }

    /**
     * Matches when the next yearly recurrence of the attribute's month and day (a birthday, a
     * sign-up anniversary) is within the next {@code days} days, today included, in the
     * profile's time zone. The 29th of February recurs on the 28th in other years.
     */
    record AnniversaryCondition(String attribute, int days) implements Rule {
        public AnniversaryCondition {
            requireName(attribute, "attribute");
            requireRange(days, 0, 366, "days");
        }
    }

    /**
     * The profile's events of one type whose properties satisfy every filter and that occurred
     * in the window, measured: counted, or one numeric property summed.
     */
    record EventCondition(String event, List<PropertyFilter> where, Measure measure, Window window) implements Rule {
        public EventCondition {
            requireEventType(event);
            where = List.copyOf(where);
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(window, "window");
        }

        /** A counting condition over the last {@code withinDays} days, or all time. */
        EventCondition(String event, List<PropertyFilter> where, int atLeast, OptionalInt atMost, OptionalInt withinDays) {
            this(event, where, new Count(atLeast, atMost),
                    withinDays.isPresent() ? new LastDays(withinDays.getAsInt()) : new AllTime());
        }
    }

    /**
     * "A, then B within H hours" or, with {@code absent}, "A, then no B within H hours": matches
     * when some event matching {@code first} in the window is followed, at or after it and at
     * most {@code withinHours} later, by an event matching {@code then} (or, when absent, by
     * none, and the {@code withinHours} have fully passed).
     */
    record SequenceCondition(EventSpec first, Window window, boolean absent, EventSpec then, int withinHours)
            implements Rule {
        public SequenceCondition {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(then, "then");
            requireRange(withinHours, 1, MAX_HOURS, "withinHours");
        }
    }

    /** The purchase figures ingest keeps in a profile's attributes. */
    enum PurchaseField {
        ORDER_COUNT("order_count", true), LIFETIME_VALUE("lifetime_value", true),
        AVERAGE_ORDER_VALUE("average_order_value", true), FIRST_ORDER_AT("first_order_at", false),
        LAST_ORDER_AT("last_order_at", false);

        static final List<String> NAMES = Arrays.stream(values()).map(PurchaseField::attribute).toList();

        private final String attribute;
        private final boolean amount;

        PurchaseField(String attribute, boolean amount) {
            this.attribute = attribute;
            this.amount = amount;
        }

        String attribute() {
            return attribute;
        }

        /** Figures that are 0 for someone who has not bought, rather than unknown. */
        boolean zeroWhenMissing() {
            return amount;
        }

        static Optional<PurchaseField> of(String attribute) {
            return Arrays.stream(values()).filter(f -> f.attribute.equals(attribute)).findFirst();
        }
    }

    /** Compares one purchase figure; a profile that has not bought has 0 orders and 0 value. */
    record PurchaseCondition(PurchaseField field, Operator op, Object value) implements Rule {
        public PurchaseCondition {
            Objects.requireNonNull(field, "field");
            value = checkedLiteral(op, value);
        }
    }

    /** Matches when an {@code order} event in the window has one of the categories. */
    record BoughtCondition(List<String> categories, Window window) implements Rule {
        public BoughtCondition {
            categories = List.copyOf(categories);
            if (categories.isEmpty() || categories.stream().anyMatch(c -> c.isBlank() || c.contains(","))) {
                throw new IllegalArgumentException("categories must be one or more non-blank names without ',': " + categories);
            }
            Objects.requireNonNull(window, "window");
        }
    }

    /** Matches the members of another segment; {@code lifecycle} names the lifecycle file, never a segment. */
    record SegmentCondition(String segment) implements Rule {
        public SegmentCondition {
            Objects.requireNonNull(segment, "segment");
            if (!Segment.ID.matcher(segment).matches() || segment.equals(SegmentGraph.LIFECYCLE)) {
                throw new IllegalArgumentException("segment id must match " + Segment.ID + " and not be 'lifecycle': " + segment);
            }
        }
    }

    /**
     * Compares one of the profile's scores (derived values such as {@code engagement} or
     * {@code rfm_recency}) with a literal, exactly as an {@link AttributeCondition} compares an
     * attribute; a profile without the score has a missing value.
     */
    record ScoreCondition(String score, Operator op, Object value) implements Rule {
        public ScoreCondition {
            Objects.requireNonNull(score, "score");
            if (!SCORE.matcher(score).matches()) {
                throw new IllegalArgumentException("score name must match " + SCORE + ": " + score);
            }
            value = checkedLiteral(op, value);
        }
    }

    /** Matches when the profile's {@code cluster} score equals one of the names. */
    record ClusterCondition(List<String> clusters) implements Rule {
        public ClusterCondition {
            clusters = List.copyOf(clusters);
            if (clusters.isEmpty() || clusters.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("clusters must be one or more non-blank names: " + clusters);
            }
        }
    }

    /** What a consent condition can find for a purpose: a {@link ConsentStatus}, or no record at all. */
    enum ConsentState {
        GRANTED, PENDING, DENIED, WITHDRAWN, EXPIRED, UNKNOWN;

        static final List<String> WORDS = Arrays.stream(values()).map(ConsentState::word).toList();

        /** How rules write it: {@code granted}, {@code unknown}, ... */
        String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<ConsentState> of(String word) {
            return Arrays.stream(values()).filter(s -> s.word().equals(word)).findFirst();
        }

        static ConsentState of(ConsentStatus status) {
            return valueOf(status.name());
        }
    }

    /** Matches when the current consent state of the purpose is one of {@code states}. */
    record ConsentCondition(String purpose, List<ConsentState> states) implements Rule {
        public ConsentCondition {
            Objects.requireNonNull(purpose, "purpose");
            if (!PURPOSE.matcher(purpose).matches()) {
                throw new IllegalArgumentException("purpose must match " + PURPOSE + ": " + purpose);
            }
            states = List.copyOf(states);
            if (states.isEmpty()) {
                throw new IllegalArgumentException("states must not be empty");
            }
        }
    }

    /** Matches when the profile's lifecycle stage is one of {@code stages} ({@code none} included). */
    record LifecycleCondition(List<String> stages) implements Rule {
        public LifecycleCondition {
            stages = List.copyOf(stages);
            if (stages.isEmpty() || stages.stream().anyMatch(s -> !Lifecycle.STAGE.matcher(s).matches())) {
                throw new IllegalArgumentException("stages must be one or more names matching " + Lifecycle.STAGE + ": " + stages);
            }
        }
    }

    /** An event type with property filters: one step of a {@link SequenceCondition}. */
    record EventSpec(String event, List<PropertyFilter> where) {
        public EventSpec {
            requireEventType(event);
            where = List.copyOf(where);
        }
    }

    /**
     * One {@code where} filter: the same comparison as an {@link AttributeCondition}, applied to
     * an event property.
     */
    record PropertyFilter(String property, Operator op, Object value) {
        public PropertyFilter {
            requireName(property, "property");
            value = checkedLiteral(op, value);
        }
    }

    /** What an {@link EventCondition} measures of the events it selects. */
    sealed interface Measure {
    }

    /** How many, from {@code atLeast} to {@code atMost}, both inclusive. */
    record Count(int atLeast, OptionalInt atMost) implements Measure {
        public Count {
            Objects.requireNonNull(atMost, "atMost");
            if (atLeast < 0 || (atMost.isPresent() && atMost.getAsInt() < atLeast)) {
                throw new IllegalArgumentException("need 0 <= atLeast <= atMost: " + atLeast + ", " + atMost);
            }
        }
    }

    /** The sum of a numeric property over the events is at least {@code atLeast}; non-numeric values add nothing. */
    record Sum(String property, BigDecimal atLeast) implements Measure {
        public Sum {
            requireName(property, "property");
            Objects.requireNonNull(atLeast, "atLeast");
        }
    }

    /** Which events, by time, a condition looks at. */
    sealed interface Window {
    }

    /** Every event the profile has. */
    record AllTime() implements Window {
    }

    /** Events at or after {@code now - days × 24 h}; no upper bound. */
    record LastDays(int days) implements Window {
        public LastDays {
            requireRange(days, 1, MAX_DAYS, "days");
        }
    }

    /** Events from {@code now - to × 24 h} to {@code now - from × 24 h}, both included. */
    record DaysAgo(int from, int to) implements Window {
        public DaysAgo {
            requireRange(from, 1, MAX_DAYS, "from");
            requireRange(to, 1, MAX_DAYS, "to");
            if (from > to) {
                throw new IllegalArgumentException("from must not be more than to: " + from + ", " + to);
            }
        }
    }

    /**
     * Events from {@code from} to {@code to}, both included. Each is a {@link LocalDate} (a whole
     * UTC day) or an {@link Instant}.
     */
    record Between(Object from, Object to) implements Window {
        public Between {
            requireDate(from, "from");
            requireDate(to, "to");
            if (start(from).isAfter(end(to))) {
                throw new IllegalArgumentException("from must not be after to: " + from + ", " + to);
            }
        }

        /** The first instant that counts. */
        Instant start() {
            return start(from);
        }

        /** The last instant that counts. */
        Instant end() {
            return end(to);
        }

        private static Instant start(Object date) {
            return date instanceof LocalDate d ? d.atStartOfDay(ZoneOffset.UTC).toInstant() : (Instant) date;
        }

        private static Instant end(Object date) {
            return date instanceof LocalDate d ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1) : (Instant) date;
        }

        private static void requireDate(Object date, String what) {
            if (!(date instanceof LocalDate) && !(date instanceof Instant)) {
                throw new IllegalArgumentException(what + " must be a LocalDate or an Instant: " + date);
            }
        }
    }

    private static void requireEventType(String event) {
        Objects.requireNonNull(event, "event");
        if (!EVENT_TYPE.matcher(event).matches()) {
            throw new IllegalArgumentException("event type must match " + EVENT_TYPE + ": " + event);
        }
    }

    private static void requireRange(int value, int min, int max, String what) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ": " + value);
        }
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static Object checkedLiteral(Operator op, Object value) {
        Objects.requireNonNull(op, "op");
        op.problemWith(value).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }
}
