package org.tailor.segments.internal;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SQL that reads one attribute or event property from the store's JSON as the store's codec
 * writes it and {@link ValueComparison} sees it: a JSON string, number or boolean, or a
 * one-field object tagged with its Java type ({@code {"$date": "2024-05-01"}},
 * {@code {"$instant": …}}, {@code {"$decimal": …}} and the other number types).
 *
 * <p>{@link #decoded} gives one row with these columns, for a missing value as well:
 * <ul>
 *   <li>{@code present}: the value exists (a JSON null is missing, as in Java);</li>
 *   <li>{@code raw}: its {@code toString()} (the codec writes every tag in that form);</li>
 *   <li>{@code txt}: its text as comparisons see it ({@code toPlainString()} for a BigDecimal);</li>
 *   <li>{@code num}: its number under the comparison rule, or null;</li>
 *   <li>{@code is_date}, {@code is_instant}: whether it is a date, and an instant;</li>
 *   <li>{@code day}: the date's epoch day, for an instant its UTC day;</li>
 *   <li>{@code nanos}: an instant's nanoseconds since the epoch, exact;</li>
 *   <li>{@code month}, {@code dom}: a date's month and day of month as written (not for instants).</li>
 * </ul>
 *
 * <p>Dates and instants are taken apart by regular expressions that accept exactly what
 * {@code LocalDate.parse} and {@code OffsetDateTime.parse} accept, and computed with integer
 * arithmetic: no PostgreSQL date cast, so no value can make the query fail, years outside
 * PostgreSQL's range included, and instants keep their nanoseconds.
 *
 * <p>The derived tables here and in the other {@code *Sql} classes end in {@code OFFSET 0}, which
 * keeps PostgreSQL from pulling them up into the expressions that use their columns: pulled up,
 * each layer repeats the one below at every use, and planning a rule took seconds.
 *
 * <p>PostgreSQL text cannot hold the character U+0000, and a document with an escaped one
 * cannot be read with {@code ->} at all; {@link #document} reads such documents with U+0001 in
 * its place. That is the one place where SQL can see a value differently from Java.
 */
final class StoredValueSql {

    /** The characters {@code String.strip()} removes, as a PostgreSQL string constant. */
    static final String WHITESPACE = IntStream.range(0, Character.MAX_VALUE + 1).filter(Character::isWhitespace)
            .mapToObj(c -> String.format("\\%04X", c)).collect(Collectors.joining("", "U&'", "'"));

    /** ValueComparison's number syntax. */
    private static final String JSON_NUMBER = "'^-?(0|[1-9][0-9]{0,99})(\\.[0-9]{1,100})?([eE][+-]?[0-9]{1,4})?$'";
    /** BigDecimal.toString() with an exponent PostgreSQL's numeric holds (with at most {@link #MAX_DIGITS} characters). */
    private static final String DECIMAL = "'^-?[0-9]+(\\.[0-9]+)?(E[+-]?[0-9]{1,4})?$'";
    /**
     * The longest numeral read as a number; longer ones (a BigInteger of thousands of digits)
     * could overflow numeric, and SQL compares them as text, unlike Java.
     */
    private static final int MAX_DIGITS = 10_000;
    /** What ValueComparison.asDate accepts in text: LocalDate.parse or OffsetDateTime.parse, before range checks. */
    private static final String TEXT_DATE = "'^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[Tt]([0-9]{2}):([0-9]{2})"
            + "(?::([0-9]{2})(?:\\.([0-9]{0,9}))?)?(?:([Zz])|([+-])([0-9]{2})(?::([0-9]{2})(?::([0-9]{2}))?)?))?$'";
    /** LocalDate.toString(). */
    private static final String LOCAL_DATE = "'^([+-]?[0-9]{4,10})-([0-9]{2})-([0-9]{2})$'";
    /** Instant.toString(). */
    private static final String INSTANT = "'^([+-]?[0-9]{4,10})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?(Z)$'";

    private static final String TAGS = """
            CASE json_typeof(s.j) WHEN 'string' THEN 's' WHEN 'number' THEN 'n' WHEN 'boolean' THEN 'b'
              WHEN 'object' THEN CASE WHEN s.j ->> '$date' IS NOT NULL THEN 'date'
                WHEN s.j ->> '$instant' IS NOT NULL THEN 'instant' WHEN s.j ->> '$decimal' IS NOT NULL THEN 'decimal'
                WHEN s.j ->> '$text' IS NOT NULL THEN 's' WHEN s.j ->> '$float' IS NOT NULL THEN 'float'
                WHEN s.j ->> '$double' IS NOT NULL THEN 'double'
                WHEN COALESCE(s.j ->> '$int', s.j ->> '$short', s.j ->> '$byte', s.j ->> '$bigint') IS NOT NULL THEN 'int' END
            END AS tag,
            CASE json_typeof(s.j) WHEN 'object' THEN COALESCE(s.j ->> '$date', s.j ->> '$instant', s.j ->> '$decimal',
                s.j ->> '$text', s.j ->> '$float', s.j ->> '$double', s.j ->> '$int', s.j ->> '$short', s.j ->> '$byte',
                s.j ->> '$bigint')
              WHEN 'null' THEN NULL ELSE s.j #>> ARRAY[]::text[] END AS raw""";

    private static final String NUMBER = """
            CASE WHEN length(t.raw) > %s THEN NULL WHEN t.tag = 'n' OR t.tag = 'int' THEN t.raw::numeric
              WHEN t.tag = 'decimal' THEN CASE WHEN t.raw ~ %s THEN t.raw::numeric END
              WHEN t.tag = 'float' THEN CASE WHEN t.raw ~ '^-?[0-9]' THEN t.raw::real::float8::text::numeric END
              WHEN t.tag = 's' THEN CASE WHEN t.raw ~ %s THEN t.raw::numeric END END""".formatted(MAX_DIGITS, DECIMAL, JSON_NUMBER);

    private static final String FIELDS = """
            m.g[1]::bigint AS yy, m.g[2]::int AS mo, m.g[3]::int AS dd, m.g[4]::int AS hh, m.g[5]::int AS mi,
            COALESCE(m.g[6]::int, 0) AS ss, COALESCE(rpad(m.g[7], 9, '0')::bigint, 0) AS ns,
            m.g[10]::int AS oh, COALESCE(m.g[11]::int, 0) AS om, COALESCE(m.g[12]::int, 0) AS os,
            CASE m.g[9] WHEN '-' THEN -1 ELSE 1 END AS sign""";

    private static final String VALID = """
            COALESCE(f.mo BETWEEN 1 AND 12 AND f.dd BETWEEN 1 AND %s
              AND (f.hh IS NULL OR (f.hh <= 23 AND f.mi <= 59 AND f.ss <= 59
                AND (f.oh IS NULL OR (f.oh <= 18 AND f.om <= 59 AND f.os <= 59 AND f.oh * 3600 + f.om * 60 + f.os <= 64800)))),
              FALSE)""".formatted(daysInMonth("f.yy", "f.mo"));

    private static final String DECODED = """
            (SELECT t.tag IS NOT NULL AS present, t.raw,
                CASE WHEN t.tag = 'decimal' THEN COALESCE(n.num::text, t.raw) ELSE t.raw END AS txt, n.num,
                c.valid AS is_date, c.valid AND f.hh IS NOT NULL AS is_instant,
                CASE WHEN NOT c.valid THEN NULL WHEN f.hh IS NULL THEN c.eday ELSE %s END AS day,
                CASE WHEN c.valid AND f.hh IS NOT NULL THEN c.nanos END AS nanos,
                CASE WHEN c.valid AND f.hh IS NULL THEN f.mo END AS month,
                CASE WHEN c.valid AND f.hh IS NULL THEN f.dd END AS dom
              FROM %s t
              CROSS JOIN LATERAL (SELECT %s AS num OFFSET 0) n
              CROSS JOIN LATERAL (SELECT regexp_match(t.raw, CASE t.tag WHEN 's' THEN %s WHEN 'date' THEN %s
                  WHEN 'instant' THEN %s END) AS g OFFSET 0) m
              CROSS JOIN LATERAL (SELECT %s OFFSET 0) f
              CROSS JOIN LATERAL (SELECT %s AS valid, e.eday,
                  (e.eday * 86400 + f.hh * 3600 + f.mi * 60 + f.ss
                    - f.sign * (COALESCE(f.oh, 0) * 3600 + f.om * 60 + f.os))::numeric * 1000000000 + f.ns AS nanos
                FROM (SELECT %s AS eday OFFSET 0) e OFFSET 0) c OFFSET 0)""";

    private StoredValueSql() {
    }

    /**
     * A JSON document column, read with escaped NULs turned into U+0001 (see the class comment);
     * other documents are returned as they are.
     */
    static SqlFragment document(String column) {
        return SqlFragment.of(("CASE WHEN strpos(%1$s::text, '\\u0000') > 0"
                + " THEN regexp_replace(%1$s::text, '(?<!\\\\)((?:\\\\\\\\)*)\\\\u0000', '\\1\\\\u0001', 'g')::json"
                + " ELSE %1$s END").formatted(column));
    }

    /** A one-row subquery with columns {@code tag} (the value's type) and {@code raw} of a JSON value. */
    static SqlFragment tagged(SqlFragment json) {
        return SqlFragment.format("(SELECT " + TAGS + " FROM (SELECT {} AS j OFFSET 0) s OFFSET 0)", json);
    }

    /** A one-row subquery with the columns in the class comment, for a JSON value that may be SQL NULL. */
    static SqlFragment decoded(SqlFragment json) {
        String sql = DECODED.formatted(floorDiv("c.nanos", "86400000000000"), "{}", NUMBER, TEXT_DATE, LOCAL_DATE, INSTANT, FIELDS,
                VALID, epochDay("f.yy", "f.mo", "f.dd"));
        return SqlFragment.format(sql, tagged(json));
    }

    /** The days from 1970-01-01 to a proleptic Gregorian date, for any year, by integer arithmetic. */
    static String epochDay(String year, String month, String day) {
        String y = "(%s - CASE WHEN %s <= 2 THEN 1 ELSE 0 END)".formatted(year, month);
        String era = floorDiv(y, "400") + "::bigint";
        String yearOfEra = "(%s - %s * 400)".formatted(y, era);
        String dayOfYear = "((153 * (CASE WHEN %1$s > 2 THEN %1$s - 3 ELSE %1$s + 9 END) + 2) / 5 + %2$s - 1)".formatted(month, day);
        return "(%1$s * 146097 + %2$s * 365 + %2$s / 4 - %2$s / 100 + %3$s - 719468)".formatted(era, yearOfEra, dayOfYear);
    }

    /**
     * {@code a} divided by the positive {@code b}, rounded down, exactly: numeric division
     * rounds to some twenty digits, which is not enough for nanoseconds.
     */
    static String floorDiv(String a, String b) {
        return "(div(%1$s, %2$s) - CASE WHEN mod(%1$s, %2$s) < 0 THEN 1 ELSE 0 END)".formatted(a, b);
    }

    static String isLeap(String year) {
        return "(%1$s %% 4 = 0 AND (%1$s %% 100 <> 0 OR %1$s %% 400 = 0))".formatted(year);
    }

    private static String daysInMonth(String year, String month) {
        return "CASE WHEN %2$s = 2 THEN CASE WHEN %1$s THEN 29 ELSE 28 END WHEN %2$s IN (4, 6, 9, 11) THEN 30 ELSE 31 END"
                .formatted(isLeap(year), month);
    }
}
