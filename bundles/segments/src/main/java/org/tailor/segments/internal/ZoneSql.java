package org.tailor.segments.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * exactly) are joined to the zones PostgreSQL knows ({@link #resolve}, from
 * {@code pg_timezone_names}); one it does not know counts as UTC rather than failing the query.
 * PostgreSQL reads a name that is also a time zone abbreviation as that abbreviation, so
 * {@code CET} would be a fixed +01:00; such names, and the ones PostgreSQL lacks, are given to
 * PostgreSQL as another Java id with the same rules that it has and does not take for an
 * abbreviation ({@code Europe/Brussels}; {@code Etc/GMT+5} for {@code SystemV/EST5}). The few
 * with no such twin ({@code SystemV/EST5EDT}, dropped from the tz database in 2020) are UTC in
 * SQL. Offsets ({@code +05:30}, {@code UTC-3}, {@code GMT+01:00}) are parsed here and applied as
 * intervals, because PostgreSQL reads a text offset with the POSIX sign, opposite to ISO's.
 *
 * <p>Where the two tz databases differ in version, SQL follows PostgreSQL's.
 */
final class ZoneSql {

    /**
     * For each Java id, the first of its names (itself, then its twins) that PostgreSQL knows and
     * does not read as an abbreviation. Needs three arrays: ids, names and their ranks.
     */
    private static final String RESOLVE = """
            SELECT DISTINCT ON (z.java_id) z.java_id, z.pg_name
              FROM unnest(?::text[], ?::text[], ?::int[]) AS z(java_id, pg_name, rank)
              WHERE z.pg_name IN (SELECT name FROM pg_timezone_names)
                AND lower(z.pg_name) NOT IN (SELECT lower(abbrev) FROM pg_timezone_abbrevs)
              ORDER BY z.java_id, z.rank""";

    /**
     * The Java zone ids PostgreSQL can follow and the name to give it for each, as
     * {@link #resolve} found them.
     */
    record Names(List<String> javaIds, List<String> pgNames) {
        Names {
            javaIds = List.copyOf(javaIds);
            pgNames = List.copyOf(pgNames);
        }
    }

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

    private static final List<String> CANDIDATE_IDS = new ArrayList<>();
    private static final List<String> CANDIDATE_NAMES = new ArrayList<>();
    private static final List<Integer> CANDIDATE_RANKS = new ArrayList<>();

    static {
        Map<ZoneRules, TreeSet<String>> byRules = new HashMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            byRules.computeIfAbsent(ZoneId.of(id).getRules(), r -> new TreeSet<>()).add(id);
        }
        // Each id itself first, then the ids with the same rules: a name PostgreSQL lacks
        // (SystemV/EST5) or reads as an abbreviation (CET) falls back to its twins.
        byRules.values().forEach(ids -> {
            for (String id : ids) {
                CANDIDATE_IDS.add(id);
                CANDIDATE_NAMES.add(id);
                CANDIDATE_RANKS.add(0);
                int rank = 0;
                for (String twin : ids) {
                    if (!twin.equals(id)) {
                        CANDIDATE_IDS.add(id);
                        CANDIDATE_NAMES.add(twin);
                        CANDIDATE_RANKS.add(++rank);
                    }
                }
            }
        });
    }

    private ZoneSql() {
    }

    /**
     * Asks PostgreSQL which zones it knows. Reading {@code pg_timezone_names} takes tens of
     * milliseconds, so callers ask once and keep the answer: the tz database changes only with
     * PostgreSQL's installation.
     */
    static Names resolve(Connection connection) throws SQLException {
        List<String> javaIds = new ArrayList<>();
        List<String> pgNames = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(RESOLVE)) {
            statement.setArray(1, connection.createArrayOf("text", CANDIDATE_IDS.toArray()));
            statement.setArray(2, connection.createArrayOf("text", CANDIDATE_NAMES.toArray()));
            statement.setArray(3, connection.createArrayOf("int4", CANDIDATE_RANKS.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    javaIds.add(result.getString(1));
                    pgNames.add(result.getString(2));
                }
            }
        }
        return new Names(javaIds, pgNames);
    }

    /** The {@code WITH} entry that {@link #PROFILE_ZONE} joins. */
    static SqlFragment zones(Names names) {
        return SqlFragment.format("tailor_zones AS (SELECT z.java_id, z.pg_name FROM unnest({}, {}) AS z(java_id, pg_name))",
                SqlFragment.param(names.javaIds().toArray(String[]::new), "text[]"),
                SqlFragment.param(names.pgNames().toArray(String[]::new), "text[]"));
    }

    /** A timestamptz expression as local date and time in the profile's zone. */
    static String local(String timestamptz) {
        return "CASE WHEN tz.pg_name IS NOT NULL THEN (%1$s) AT TIME ZONE tz.pg_name ELSE (%1$s) AT TIME ZONE po.utc_offset END"
                .formatted(timestamptz);
    }
}
