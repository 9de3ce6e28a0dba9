package org.tailor.segments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.model.Profile;
import org.tailor.store.internal.PostgresTestStore;

/**
 * SQL reads each stored value as {@link ValueComparison} reads the same value loaded by the
 * store: its text, number, date, instant and day, over many seeded random values of every type
 * the store keeps, and over every time zone id Java knows.
 */
class StoredValueSqlTest {

    private static final int VALUES = 3_000;

    private PostgresTestStore store;

    @BeforeEach
    void open() {
        store = PostgresTestStore.open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** One value as SQL decoded it. */
    record Decoded(boolean present, String raw, String txt, String num, boolean isDate, boolean isInstant, String day,
                   String nanos, Integer month, Integer dom) {
    }

    @Test
    void sqlReadsEveryValueAsValueComparisonDoes() {
        long seed = Long.getLong("segments.seed", 20_251_123L);
        RandomRules random = new RandomRules(seed);
        List<Profile> written = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            written.add(Fixtures.profile("v" + i, Map.of("x", random.storedValue(RuleProperties.NOW))));
        }
        written.add(Fixtures.profile("missing"));
        store.profiles.saveAll(written);
        Map<String, Decoded> decoded = decodeAll(SqlFragment.format("{} -> 'x'", StoredValueSql.document("p.attributes")));

        store.profiles.forEach(profile -> {
            Object value = profile.attributes().get("x");
            Decoded sql = decoded.get(profile.id());
            String context = "seed " + seed + ", value " + TextLiterals.value(value) + " (" + (value == null ? "missing" : value.getClass().getSimpleName())
                    + "), SQL " + sql;
            assertThat(sql.present()).as(context).isEqualTo(value != null);
            if (value == null) {
                return;
            }
            assertThat(sql.raw()).as(context).isEqualTo(value.toString());
            assertThat(sql.txt()).as(context).isEqualTo(ValueComparison.text(value));
            Optional<BigDecimal> number = ValueComparison.asNumber(value);
            assertThat(sql.num() != null).as(context).isEqualTo(number.isPresent());
            number.ifPresent(n -> assertThat(new BigDecimal(sql.num())).as(context).isEqualByComparingTo(n));
            Optional<Object> date = ValueComparison.asDate(value);
            assertThat(sql.isDate()).as(context).isEqualTo(date.isPresent());
            assertThat(sql.isInstant()).as(context).isEqualTo(date.orElse(null) instanceof Instant);
            if (date.orElse(null) instanceof Instant instant) {
                assertThat(Long.parseLong(sql.day())).as(context).isEqualTo(Math.floorDiv(instant.getEpochSecond(), 86_400));
                assertThat(new BigDecimal(sql.nanos())).as(context)
                        .isEqualByComparingTo(BigDecimal.valueOf(instant.getEpochSecond()).scaleByPowerOfTen(9).add(BigDecimal.valueOf(instant.getNano())));
            }
            if (date.orElse(null) instanceof LocalDate day) {
                assertThat(Long.parseLong(sql.day())).as(context).isEqualTo(day.toEpochDay());
                assertThat(sql.month()).as(context).isEqualTo(day.getMonthValue());
                assertThat(sql.dom()).as(context).isEqualTo(day.getDayOfMonth());
            }
        });
    }

    /** PostgreSQL text cannot hold U+0000: a document with one is read with U+0001 in its place, and never fails the query. */
    @Test
    void aNulInTheDocumentReadsAsU0001() {
        store.profiles.save(Fixtures.profile("nul", Fixtures.map("x", "a\u0000b", "y", "\\u0000 is not a NUL", "z", 5L)));
        SqlFragment document = StoredValueSql.document("p.attributes");
        assertThat(decodeAll(SqlFragment.format("{} -> 'x'", document)).get("nul").txt()).isEqualTo("a\u0001b");
        assertThat(decodeAll(SqlFragment.format("{} -> 'y'", document)).get("nul").txt()).isEqualTo("\\u0000 is not a NUL");
        assertThat(decodeAll(SqlFragment.format("{} -> 'z'", document)).get("nul").num()).isEqualTo("5");
    }

    /** A numeral too long for numeric never fails the query; SQL reads it as text, where Java still has a number. */
    @Test
    void aNumeralTooLongForNumericIsText() {
        BigInteger huge = BigInteger.TEN.pow(20_000);
        BigDecimal wide = new BigDecimal(BigInteger.TEN.pow(300)).add(new BigDecimal("0.5"));
        store.profiles.save(Fixtures.profile("huge", Fixtures.map("x", huge, "y", wide)));
        SqlFragment document = StoredValueSql.document("p.attributes");
        assertThat(decodeAll(SqlFragment.format("{} -> 'x'", document)).get("huge").num()).isNull();
        assertThat(new BigDecimal(decodeAll(SqlFragment.format("{} -> 'y'", document)).get("huge").num())).isEqualByComparingTo(wide);
    }

    @Test
    void everyZoneJavaKnowsGivesTheDayJavaGives() {
        List<String> names = new ArrayList<>(ZoneId.getAvailableZoneIds());
        names.addAll(RandomRules.WIDE_ZONES);
        List<Profile> profiles = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            profiles.add(Fixtures.profile("z" + i, Map.of(EvaluationContext.TIME_ZONE, names.get(i))));
        }
        store.profiles.saveAll(profiles);
        Set<String> unknownToPostgres = withoutTwinPostgresKnows();
        ZoneSql.Names zones;
        try (Connection connection = store.dataSource().getConnection()) {
            zones = ZoneSql.resolve(connection);
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        assertThat(unknownToPostgres).as("only the SystemV zones with daylight saving time, which left the tz database in 2020")
                .allMatch(id -> id.startsWith("SystemV/"));
        // Around midnight somewhere every hour, in winter and in summer.
        for (Instant now : List.of(Instant.parse("2025-06-15T12:00:00Z"), Instant.parse("2025-01-10T23:30:00Z"),
                Instant.parse("2024-10-27T00:45:00Z"), Instant.parse("2025-03-30T09:15:00Z"))) {
            SqlFragment local = SqlFragment.format("(" + ZoneSql.local("{}") + ")::date::text", DateSql.timestamp(now), DateSql.timestamp(now));
            Map<String, String> days = query(SqlFragment.format("WITH {} SELECT p.id, {} FROM profiles p " + ZoneSql.PROFILE_ZONE,
                    ZoneSql.zones(zones), local), r -> r.getString(2));
            store.profiles.forEach(profile -> {
                EvaluationContext context = EvaluationContext.of(profile, List.of(), now, SegmentLookup.NONE);
                LocalDate today = unknownToPostgres.contains(context.zone().getId()) ? LocalDate.ofInstant(now, ZoneOffset.UTC) : context.today();
                assertThat(days.get(profile.id())).as("%s at %s: %s", profile.attributes().get(EvaluationContext.TIME_ZONE), now, context.zoneNote())
                        .isEqualTo(today.toString());
            });
        }
    }

    /** The Java zone ids that neither PostgreSQL nor, under another name with the same rules, knows. */
    private Set<String> withoutTwinPostgresKnows() {
        Set<String> known = query(SqlFragment.of("SELECT name FROM pg_timezone_names"), r -> r.getString(1)).keySet();
        Set<String> unknown = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneRules rules = ZoneId.of(id).getRules();
            if (ZoneId.getAvailableZoneIds().stream().noneMatch(twin -> known.contains(twin) && ZoneId.of(twin).getRules().equals(rules))) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    private Map<String, Decoded> decodeAll(SqlFragment json) {
        return query(SqlFragment.format("SELECT p.id, v.present, v.raw, v.txt, v.num::text, v.is_date, v.is_instant, v.day::text,"
                + " v.nanos::text, v.month, v.dom FROM profiles p CROSS JOIN LATERAL {} v", StoredValueSql.decoded(json)), r -> new Decoded(
                r.getBoolean(2), r.getString(3), r.getString(4), r.getString(5), r.getBoolean(6), r.getBoolean(7), r.getString(8),
                r.getString(9), (Integer) r.getObject(10), (Integer) r.getObject(11)));
    }

    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private <T> Map<String, T> query(SqlFragment query, Row<T> row) {
        Map<String, T> rows = new HashMap<>();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(query.sql())) {
            SqlMembership.bind(connection, statement, query.params());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), row.read(result));
                }
            }
        } catch (SQLException e) {
            throw new AssertionError(e.getMessage(), e);
        }
        return rows;
    }
}
