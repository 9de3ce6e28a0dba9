package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule by which a condition compares an actual value (a profile attribute or an event
 * property) with the literal in the rule. The first line that applies to both sides decides:
 *
 * <ol>
 *   <li><b>Numbers</b> compare numerically when both sides are numbers: a {@link Number}, or a
 *       string in JSON number syntax such as {@code 42}, {@code -1.5} or {@code 2e3} (no
 *       leading zeros, so {@code "01234"} stays text). {@code 3}, {@code 3.0} and {@code "3"}
 *       are equal.</li>
 *   <li><b>Dates</b> compare chronologically when both sides are dates: a {@link LocalDate} or
 *       an {@link Instant}, or a string that is an ISO-8601 date ({@code 2024-05-01}) or
 *       date-time with offset ({@code 2024-05-01T10:00:00Z}). Two instants compare exactly;
 *       an instant against a date compares the instant's UTC day, so
 *       {@code signed_up_at gte "2024-01-01"} includes all of the first of January.</li>
 *   <li><b>Text</b> otherwise: both sides' text ({@code true}/{@code false} for booleans,
 *       ISO-8601 for dates) compared case-sensitively by UTF-16 code unit.</li>
 * </ol>
 *
 * Every pair of values is therefore comparable, and the order is the same whichever side is
 * the literal.
 */
final class ValueComparison {

    /** How a value takes part in comparisons. */
    enum Kind { NUMBER, DATE, TEXT }

    /** RFC 8259 number syntax; bounded so that absurd numerals stay text instead of costing time. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]{0,99})(\\.[0-9]{1,100})?([eE][+-]?[0-9]{1,4})?");

    private ValueComparison() {
    }

    /** The sign of {@code actual - expected} under the rule above. */
    static int compare(Object actual, Object expected) {
        Optional<BigDecimal> a = asNumber(actual);
        Optional<BigDecimal> e = asNumber(expected);
        if (a.isPresent() && e.isPresent()) {
            return Integer.signum(a.get().compareTo(e.get()));
        }
        Optional<Object> da = asDate(actual);
        Optional<Object> de = asDate(expected);
        if (da.isPresent() && de.isPresent()) {
            return compareDates(da.get(), de.get());
        }
        return Integer.signum(text(actual).compareTo(text(expected)));
    }

    /** Whether the two are equal under {@link #compare}. */
    static boolean equal(Object actual, Object expected) {
        return compare(actual, expected) == 0;
    }

    /** Which of the rule's kinds a single value has on its own. */
    static Kind kindOf(Object value) {
        if (asNumber(value).isPresent()) {
            return Kind.NUMBER;
        }
        return asDate(value).isPresent() ? Kind.DATE : Kind.TEXT;
    }

    /** The value as text, as {@code contains}, {@code startsWith} and text comparison see it. */
    static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(value);
    }

    /** The value as a number when it is one under the rule above (a Number or a numeral string). */
    static Optional<BigDecimal> asNumber(Object value) {
        if (value instanceof BigDecimal d) {
            return Optional.of(d);
        }
        if (value instanceof BigInteger i) {
            return Optional.of(new BigDecimal(i));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Optional.of(new BigDecimal(Double.toString(d))) : Optional.empty();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof String s && JSON_NUMBER.matcher(s).matches()) {
            return Optional.of(new BigDecimal(s));
        }
        return Optional.empty();
    }

    /** A LocalDate or an Instant, or empty when the value is neither nor an ISO-8601 string of one. */
    static Optional<Object> asDate(Object value) {
        if (value instanceof LocalDate || value instanceof Instant) {
            return Optional.of(value);
        }
        if (!(value instanceof String s) || s.length() < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.of(s.length() == 10 ? LocalDate.parse(s) : OffsetDateTime.parse(s).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int compareDates(Object a, Object e) {
        if (a instanceof Instant ai && e instanceof Instant ei) {
            return Integer.signum(ai.compareTo(ei));
        }
        return Integer.signum(day(a).compareTo(day(e)));
    }

    private static LocalDate day(Object date) {
        return date instanceof LocalDate d ? d : LocalDate.ofInstant((Instant) date, ZoneOffset.UTC);
    }
}
