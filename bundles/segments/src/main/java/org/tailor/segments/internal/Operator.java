package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a condition compares a value with the literal in the rule. Each operator knows its JSON
 * name and which literal it accepts, so that the parser and the rule records agree on what is
 * valid. Literals are {@link String}, {@link BigDecimal}, {@link Boolean} or a {@link List} of
 * those.
 */
enum Operator {
    EQ("eq"), NE("ne"), IN("in"), NOT_IN("notIn"), GT("gt"), GTE("gte"), LT("lt"), LTE("lte"),
    CONTAINS("contains"), STARTS_WITH("startsWith"), EXISTS("exists"), BETWEEN("between");

    /** The JSON names in declaration order, for "expected one of" messages. */
    static final List<String> NAMES = Arrays.stream(values()).map(Operator::jsonName).collect(Collectors.toUnmodifiableList());

    private final String jsonName;

    Operator(String jsonName) {
        this.jsonName = jsonName;
    }

    String jsonName() {
        return jsonName;
    }

    static Optional<Operator> fromJson(String name) {
        return Arrays.stream(values()).filter(o -> o.jsonName.equals(name)).findFirst();
    }

    /** Whether the operator compares with a literal at all ({@code exists} does not). */
    boolean takesValue() {
        return this != EXISTS;
    }

    /** Why {@code value} is not a valid literal for this operator, or empty if it is; null means "no value given". */
    Optional<String> problemWith(Object value) {
        if (!takesValue()) {
            return value == null ? Optional.empty() : reason("op '%s' takes no 'value'");
        }
        if (value == null) {
            return reason("missing 'value' for op '%s'");
        }
        switch (this) {
            case EQ:
            case NE:
                return isScalar(value) ? Optional.empty() : reason("op '%s' needs a single string, number or boolean 'value'");
            case IN:
            case NOT_IN:
                if (!(value instanceof List<?> list)) {
                    return reason("op '%s' needs an array 'value', like [\"DE\", \"AT\"]");
                }
                if (list.isEmpty()) {
                    return reason("op '%s' needs at least one value in its array");
                }
                return list.stream().allMatch(Operator::isScalar) ? Optional.empty()
                        : reason("op '%s' needs an array of strings, numbers or booleans");
            case GT:
            case GTE:
            case LT:
            case LTE:
                return isOrderable(value) ? Optional.empty() : reason("op '%s' needs a number, date or string 'value'");
            case CONTAINS:
            case STARTS_WITH:
                return value instanceof String ? Optional.empty() : reason("op '%s' needs a string 'value'");
            case BETWEEN:
                return betweenProblem(value);
            default:
                throw new AssertionError(this);
        }
    }

    private Optional<String> betweenProblem(Object value) {
        if (!(value instanceof List<?> range) || range.size() != 2 || !range.stream().allMatch(Operator::isOrderable)) {
            return reason("op '%s' needs an array [low, high] of two numbers, two dates or two strings");
        }
        if (ValueComparison.kindOf(range.get(0)) != ValueComparison.kindOf(range.get(1))) {
            return reason("op '%s' needs low and high of the same kind (two numbers, two dates or two strings)");
        }
        return ValueComparison.compare(range.get(0), range.get(1)) > 0
                ? reason("op '%s' needs low <= high").map(r -> r + ", got " + ValueComparison.text(range.get(0))
                        + " > " + ValueComparison.text(range.get(1)))
                : Optional.empty();
    }

    private Optional<String> reason(String format) {
        return Optional.of(format.replace("%s", jsonName));
    }

    static boolean isScalar(Object value) {
        return value instanceof String || value instanceof BigDecimal || value instanceof Boolean;
    }

    /**
     * Whether the actual value satisfies this operator with the rule's literal. A missing value
     * (null) satisfies only {@code ne} and {@code notIn}, so that {@code ne} is exactly
     * {@code not eq}.
     */
    boolean test(Object expected, Object actual) {
        if (actual == null) {
            return this == NE || this == NOT_IN;
        }
        switch (this) {
            case EXISTS:
                return true;
            case EQ:
                return ValueComparison.equal(actual, expected);
            case NE:
                return !ValueComparison.equal(actual, expected);
            case IN:
                return ((List<?>) expected).stream().anyMatch(v -> ValueComparison.equal(actual, v));
            case NOT_IN:
                return ((List<?>) expected).stream().noneMatch(v -> ValueComparison.equal(actual, v));
            case GT:
                return ValueComparison.compare(actual, expected) > 0;
            case GTE:
                return ValueComparison.compare(actual, expected) >= 0;
            case LT:
                return ValueComparison.compare(actual, expected) < 0;
            case LTE:
                return ValueComparison.compare(actual, expected) <= 0;
            case BETWEEN:
                List<?> range = (List<?>) expected;
                return ValueComparison.compare(actual, range.get(0)) >= 0 && ValueComparison.compare(actual, range.get(1)) <= 0;
            case CONTAINS:
                return ValueComparison.text(actual).contains((String) expected);
            case STARTS_WITH:
                return ValueComparison.text(actual).startsWith((String) expected);
            default:
                throw new AssertionError(this);
        }
    }

    private static boolean isOrderable(Object value) {
        return value instanceof String || value instanceof BigDecimal;
    }
}
