package org.tailor.segments.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.DateCondition;

/**
 * Date and anniversary conditions in SQL, in whole days in the profile's zone
 * ({@link ZoneSql}), as {@link DateEvaluation} decides them.
 *
 * <p>An instant's day in the zone needs PostgreSQL's timestamps, which span 4713 BC to
 * 294276 AD. An instant beyond that future cannot fall within any condition's days, so it has no
 * day here; one before that past is moved forward by whole 400-year cycles, after which the
 * Gregorian calendar repeats, to find its month and day.
 */
final class DateSql {

    private static final String DAYS_SINCE_EPOCH = " - DATE '1970-01-01'";

    /** The local day, month and day of month of a value decoded as {@code v}. */
    private static final String LOCAL_DAY = """
            (SELECT CASE WHEN v.is_instant THEN i.day ELSE v.day END AS day,
                CASE WHEN v.is_instant THEN i.month ELSE v.month END AS month,
                CASE WHEN v.is_instant THEN i.dom ELSE v.dom END AS dom
              FROM (SELECT CASE WHEN l.d IS NOT NULL THEN (l.d - DATE '1970-01-01') - k.k * 146097 END AS day,
                  extract(month FROM l.d)::int AS month, extract(day FROM l.d)::int AS dom
                FROM (SELECT %s AS us OFFSET 0) u
                CROSS JOIN LATERAL (SELECT %s::bigint AS eday OFFSET 0) e
                CROSS JOIN LATERAL (SELECT CASE WHEN e.eday < -2400000 THEN -%s ELSE 0 END AS k OFFSET 0) k
                CROSS JOIN LATERAL (SELECT CASE WHEN e.eday <= 100000000 THEN (%s)::date END AS d OFFSET 0) l OFFSET 0) i OFFSET 0)"""
            .formatted(StoredValueSql.floorDiv("v.nanos", "1000"), StoredValueSql.floorDiv("u.us", "86400000000"),
                    StoredValueSql.floorDiv("e.eday + 2400000", "146097"), ZoneSql.local("to_timestamp(((e.eday + k.k * 146097) * 86400)::float8)"
                    + " + make_interval(secs => ((u.us - e.eday * 86400000000) / 1000000.0)::float8)"));

    private DateSql() {
    }

    static Optional<SqlFragment> date(DateCondition c, SqlScope scope) {
        if (!ComparisonSql.bindableText(c.attribute())) {
            return Optional.empty();
        }
        scope.useZone();
        SqlFragment days = SqlFragment.param(c.days(), "int");
        SqlFragment range = c.direction() == Rule.Direction.LAST
                ? SqlFragment.format("ld.day BETWEEN t.today - {} AND t.today", days)
                : SqlFragment.format("ld.day BETWEEN t.today AND t.today + {}", days);
        return Optional.of(SqlFragment.format("COALESCE((SELECT {} FROM {} v CROSS JOIN LATERAL " + LOCAL_DAY
                        + " ld CROSS JOIN LATERAL (SELECT ({})::date" + DAYS_SINCE_EPOCH + " AS today OFFSET 0) t), FALSE)",
                range, StoredValueSql.decoded(AttributeSql.value(c.attribute())), today(scope)));
    }

    static Optional<SqlFragment> anniversary(AnniversaryCondition c, SqlScope scope) {
        if (!ComparisonSql.bindableText(c.attribute())) {
            return Optional.empty();
        }
        scope.useZone();
        return Optional.of(SqlFragment.format("COALESCE((SELECT (a.next" + DAYS_SINCE_EPOCH + ") > ld.day AND a.next <= t.today + {}"
                        + " FROM {} v CROSS JOIN LATERAL " + LOCAL_DAY + " ld"
                        + " CROSS JOIN LATERAL (SELECT ({})::date AS today OFFSET 0) t"
                        + " CROSS JOIN LATERAL (SELECT CASE WHEN c.this_year < t.today THEN c.next_year ELSE c.this_year END AS next"
                        + " FROM (SELECT make_date(y.y, ld.month, " + dayIn("y.y") + ") AS this_year,"
                        + " make_date(y.y + 1, ld.month, " + dayIn("y.y + 1") + ") AS next_year"
                        + " FROM (SELECT extract(year FROM t.today)::int AS y OFFSET 0) y OFFSET 0) c OFFSET 0) a), FALSE)",
                SqlFragment.param(c.days(), "int"), StoredValueSql.decoded(AttributeSql.value(c.attribute())), today(scope)));
    }

    /** The anniversary's day of month in a year: the 29th of February is the 28th in other years. */
    private static String dayIn(String year) {
        return "CASE WHEN ld.month = 2 AND ld.dom = 29 AND NOT " + StoredValueSql.isLeap("(" + year + ")") + " THEN 28 ELSE ld.dom END";
    }

    /** Now as local date and time in the profile's zone; its day is today there. */
    private static SqlFragment today(SqlScope scope) {
        SqlFragment now = timestamp(scope.now().truncatedTo(ChronoUnit.MICROS));
        return SqlFragment.format(ZoneSql.local("{}"), now, now);
    }

    static SqlFragment timestamp(Instant instant) {
        return SqlFragment.param(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC), "timestamptz");
    }
}
