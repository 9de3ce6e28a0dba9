package org.tailor.segments.internal;

import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The profile's time zone in SQL, decided as {@link EvaluationContext} decides it: the
 * {@code time_zone} attribute's text, stripped, if {@code ZoneId.of} takes it; otherwise UTC.
 *
 * <p>{@code ZoneId.of} takes two kinds of names. Region ids (Java's tz database names, matched
 * exactly) are looked up in {@code pg_timezone_names}; one PostgreSQL does not know counts as
 * UTC rather than failing the query. PostgreSQL reads a name that is also a time zone
 * abbreviation as that abbreviation, so {@code CET} would be a fixed +01:00; such names, and the
 * ones PostgreSQL lacks, are given to PostgreSQL as another Java id with the same rules that it
 * has and does not take for an abbreviation ({@code Europe/Brussels}, {@code Etc/GMT+5} for
 * {@code SystemV/EST5}). The few with no such twin ({@code SystemV/EST5EDT}, dropped from the tz
 * database in 2020) are UTC in SQL. Offsets ({@code +05:30},
 * {@code UTC-3}, {@code GMT+01:00}) are parsed here and applied as intervals, because
 * PostgreSQL reads a text offset with the POSIX sign, opposite to ISO's.
 *
 * <p>Where the two tz databases differ in version, SQL follows PostgreSQL's.
 */
final class ZoneSql {

    /** Needs three arrays: each Java id, a name for PostgreSQL, and its rank among the id's names. */
    static final String ZONES_CTE = """
            tailor_zones AS MATERIALIZED (SELECT DISTINCT ON (z.java_id) z.java_id, z.pg_name
              FROM unnest({}, {}, {}) AS z(java_id, pg_name, rank)
              WHERE z.pg_name IN (SELECT name FROM pg_timezone_names)
                AND lower(z.pg_name) NOT IN (SELECT lower(abbrev) FROM pg_timezone_abbrevs)
              ORDER BY z.java_id, z.rank)""";

    private static final String OFFSET = "'^(?:UTC|GMT|UT)?([+-])([0-9]|[0-9]{2}|[0-9]{2}:[0-9]{2}|[0-9]{4}|[0-9]{2}:[0-9]{2}:[0-9]{2}|[0-9]{6})$'";

    /** Joins {@code tz.pg_name} (a zone PostgreSQL knows, or null) and {@code po.utc_offset} to profile {@code p}. */
    static final String PROFILE_ZONE = """
            LEFT JOIN LATERAL (SELECT btrim(t.raw, %1$s) AS name FROM %2$s t OFFSET 0) pz ON TRUE
            LEFT JOIN tailor_zones tz ON tz.java_id = pz.name
            CROSS JOIN LATERAL (SELECT COALESCE(CASE WHEN o.h <= 18 AND o.m <= 59 AND o.s <= 59 AND o.h * 3600 + o.m * 60 + o.s <= 64800
                  THEN o.sign * make_interval(secs => o.h * 3600 + o.m * 60 + o.s) END, interval '0') AS utc_offset
              FROM (SELECT CASE g[1] WHEN '-' THEN -1 ELSE 1 END AS sign,
                  CASE WHEN length(d) = 1 THEN d::int ELSE substr(d, 1, 2)::int END AS h,
                  COALESCE(NULLIF(substr(d, 3, 2), '')::int, 0) AS m, COALESCE(NULLIF(substr(d, 5, 2), '')::int, 0) AS s
                FROM (SELECT g, replace(g[2], ':', '') AS d FROM regexp_match(pz.name, %3$s) AS g OFFSET 0) r OFFSET 0) o OFFSET 0) po"""
            .formatted(StoredValueSql.WHITESPACE,
                    StoredValueSql.tagged(SqlFragment.format("{} -> '" + EvaluationContext.TIME_ZONE + "'",
                            StoredValueSql.document("p.attributes"))).sql(),
                    OFFSET);

    private static final List<String> JAVA_IDS = new ArrayList<>();
    private static final List<String> PG_NAMES = new ArrayList<>();
    private static final List<Integer> RANKS = new ArrayList<>();

    static {
        Map<ZoneRules, TreeSet<String>> byRules = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            byRules.computeIfAbsent(ZoneId.of(id).getRules(), r -> new TreeSet<>()).add(id);
        }
        // Each id itself first, then the ids with the same rules: a name PostgreSQL lacks
        // (SystemV/EST5) or reads as an abbreviation (CET) falls back to its twins.
        byRules.values().forEach(ids -> {
            for (String id : ids) {
                JAVA_IDS.add(id);
                PG_NAMES.add(id);
                RANKS.add(0);
                int rank = 0;
                for (String twin : ids) {
                    if (!twin.equals(id)) {
                        JAVA_IDS.add(id);
                        PG_NAMES.add(twin);
                        RANKS.add(++rank);
                    }
                }
            }
        });
    }

    private ZoneSql() {
    }

    /** The {@code WITH} entry that {@link #PROFILE_ZONE} joins. */
    static SqlFragment zones() {
        return SqlFragment.format(ZONES_CTE, SqlFragment.param(JAVA_IDS.toArray(String[]::new), "text[]"),
                SqlFragment.param(PG_NAMES.toArray(String[]::new), "text[]"), SqlFragment.param(RANKS.toArray(Integer[]::new), "int[]"));
    }

    /** A timestamptz expression as local date and time in the profile's zone. */
    static String local(String timestamptz) {
        return "CASE WHEN tz.pg_name IS NOT NULL THEN (%1$s) AT TIME ZONE tz.pg_name ELSE (%1$s) AT TIME ZONE po.utc_offset END"
                .formatted(timestamptz);
    }
}
