package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Operator#test} in SQL: a predicate over a value decoded by {@link StoredValueSql}
 * (alias {@code v}) against the rule's literal. The literal's kind is known here, so each
 * comparison needs one branch per kind the value may have, in {@link ValueComparison}'s order:
 * numbers, then dates, then text.
 *
 * <p>Text compares by UTF-16 code unit in Java and by code point under {@code COLLATE "C"}.
 * The two orders differ only where a character from U+E000 to U+FFFF meets one beyond U+FFFF,
 * which can only decide the result when the literal holds a character from U+D800 up; for such
 * literals both sides are compared through {@link #utf16Key}, a re-encoding whose code point
 * order is the UTF-16 order.
 */
final class ComparisonSql {

    /** The last code point; it marks the re-encoded characters of {@link #utf16Key}. */
    private static final int MARK = Character.MAX_CODE_POINT;
    /** PostgreSQL's numeric holds at most this many digits before and after the point. */
    private static final int MAX_INTEGER_DIGITS = 131_072;
    private static final int MAX_FRACTION_DIGITS = 16_383;

    private ComparisonSql() {
    }

    /** The operator's test of {@code v} against the literal; empty when the literal cannot be sent to PostgreSQL. */
    static Optional<SqlFragment> test(Operator op, Object literal) {
        if (!bindable(literal)) {
            return Optional.empty();
        }
        switch (op) {
            case EXISTS:
                return Optional.of(SqlFragment.of("v.present"));
            case EQ:
                return Optional.of(SqlFragment.format("v.present AND {}", equal(literal)));
            case NE:
                return Optional.of(SqlFragment.format("NOT v.present OR NOT COALESCE({}, FALSE)", equal(literal)));
            case IN:
                return Optional.of(SqlFragment.format("v.present AND ({})", anyEqual((List<?>) literal)));
            case NOT_IN:
                return Optional.of(SqlFragment.format("NOT v.present OR NOT COALESCE({}, FALSE)", anyEqual((List<?>) literal)));
            case GT:
                return Optional.of(SqlFragment.format("v.present AND {}", compare(literal, ">")));
            case GTE:
                return Optional.of(SqlFragment.format("v.present AND {}", compare(literal, ">=")));
            case LT:
                return Optional.of(SqlFragment.format("v.present AND {}", compare(literal, "<")));
            case LTE:
                return Optional.of(SqlFragment.format("v.present AND {}", compare(literal, "<=")));
            case BETWEEN: {
                List<?> range = (List<?>) literal;
                return Optional.of(SqlFragment.format("v.present AND {} AND {}", compare(range.get(0), ">="), compare(range.get(1), "<=")));
            }
            case CONTAINS:
                return Optional.of(SqlFragment.format("v.present AND strpos(v.txt, {}) > 0", SqlFragment.param(literal, "text")));
            case STARTS_WITH:
                return Optional.of(SqlFragment.format("v.present AND starts_with(v.txt, {})", SqlFragment.param(literal, "text")));
            default:
                return Optional.empty();
        }
    }

    private static SqlFragment anyEqual(List<?> literals) {
        List<SqlFragment> each = new ArrayList<>();
        for (Object literal : literals) {
            each.add(equal(literal));
        }
        return SqlFragment.or(each);
    }

    private static SqlFragment equal(Object literal) {
        return compare(literal, "=");
    }

    /** {@code compare(v, literal) <sqlOp> 0} for a present value. */
    private static SqlFragment compare(Object literal, String sqlOp) {
        Optional<BigDecimal> number = ValueComparison.asNumber(literal);
        SqlFragment asText = text(ValueComparison.text(literal), sqlOp);
        if (number.isPresent()) {
            return SqlFragment.format("CASE WHEN v.num IS NOT NULL THEN v.num " + sqlOp + " {} ELSE {} END",
                    SqlFragment.param(number.get(), "numeric"), asText);
        }
        Optional<Object> date = ValueComparison.asDate(literal);
        if (date.isPresent() && date.get() instanceof Instant instant) {
            return SqlFragment.format("CASE WHEN v.is_instant THEN v.nanos " + sqlOp + " {} WHEN v.is_date THEN v.day " + sqlOp
                            + " {} ELSE {} END",
                    SqlFragment.param(nanos(instant), "numeric"),
                    SqlFragment.param(LocalDate.ofInstant(instant, ZoneOffset.UTC).toEpochDay(), "bigint"), asText);
        }
        if (date.isPresent()) {
            return SqlFragment.format("CASE WHEN v.is_date THEN v.day " + sqlOp + " {} ELSE {} END",
                    SqlFragment.param(((LocalDate) date.get()).toEpochDay(), "bigint"), asText);
        }
        return asText;
    }

    private static SqlFragment text(String literal, String sqlOp) {
        if (sqlOp.equals("=") || literal.chars().allMatch(c -> c < Character.MIN_SURROGATE)) {
            return SqlFragment.format("v.txt COLLATE \"C\" " + sqlOp + " {}", SqlFragment.param(literal, "text"));
        }
        String key = "regexp_replace(replace(v.txt, chr(%1$d), chr(%1$d) || chr(1)), '([\\uE000-\\uFFFF])', chr(%1$d) || chr(%1$d) || '\\1', 'g')"
                .formatted(MARK);
        return SqlFragment.format(key + " COLLATE \"C\" " + sqlOp + " {}", SqlFragment.param(utf16Key(literal), "text"));
    }

    /**
     * A string whose code point order among such keys is the UTF-16 order of the originals:
     * U+10FFFF becomes U+10FFFF U+0001, and each character from U+E000 to U+FFFF is preceded by
     * two U+10FFFF, which puts it after every supplementary character. The codes are prefix-free,
     * so the order of whole strings follows.
     */
    static String utf16Key(String text) {
        StringBuilder key = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c == MARK) {
                key.appendCodePoint(MARK).append('\u0001');
            } else if (c >= 0xE000 && c <= 0xFFFF) {
                key.appendCodePoint(MARK).appendCodePoint(MARK).appendCodePoint(c);
            } else {
                key.appendCodePoint(c);
            }
        });
        return key.toString();
    }

    private static BigDecimal nanos(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(instant.getNano()));
    }

    /**
     * Whether PostgreSQL can take the literal as it is: no text with U+0000 or an unpaired
     * surrogate (which the driver would have to replace), no number beyond numeric's range.
     */
    static boolean bindable(Object literal) {
        if (literal instanceof List<?> list) {
            return list.stream().allMatch(ComparisonSql::bindable);
        }
        if (literal instanceof String s) {
            return bindableText(s);
        }
        if (literal instanceof BigDecimal d) {
            return d.precision() - d.scale() <= MAX_INTEGER_DIGITS && d.scale() <= MAX_FRACTION_DIGITS;
        }
        return true;
    }

    /** Text PostgreSQL stores as it is: no U+0000, no unpaired surrogate. */
    static boolean bindableText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
