package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;

/**
 * Event, bought and sequence conditions in SQL, as {@link EventEvaluation} and
 * {@link SequenceEvaluation} decide them: subqueries over {@code events} by
 * {@code profile_id} and {@code occurred_at}, the columns of the store's index.
 *
 * <p>The store keeps instants to the microsecond, and Java compares them to the nanosecond, so
 * each bound is rounded to the microsecond in the direction that keeps the same events: a start
 * up, an end down.
 */
final class EventSql {

    /**
     * The span of timestamptz a bound is sent in: PostgreSQL's, less the first day, which the
     * driver sends as -infinity. No stored event lies beyond it, so a bound beyond it is left out.
     */
    private static final Instant FIRST = Instant.parse("-4713-11-25T00:00:00Z");
    private static final Instant LAST = Instant.parse("+294276-12-31T23:59:59.999999Z");

    private EventSql() {
    }

    static Optional<SqlFragment> event(EventCondition c, SqlScope scope) {
        String e = scope.alias("e");
        Optional<SqlFragment> selected = matching(e, c.event(), c.where()).flatMap(m -> window(e, c.window(), scope.now())
                .map(w -> SqlFragment.format("{} AND {}", m, w)));
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        if (c.measure() instanceof Sum sum) {
            if (!ComparisonSql.bindable(sum.atLeast()) || !ComparisonSql.bindableText(sum.property())) {
                return Optional.empty();
            }
            return Optional.of(SqlFragment.format("COALESCE((SELECT sum(v.num) FROM events " + e + " CROSS JOIN LATERAL {} v"
                            + " WHERE {}), 0) >= {}",
                    StoredValueSql.decoded(property(e, sum.property())), selected.get(), SqlFragment.param(sum.atLeast(), "numeric")));
        }
        if (c.measure() instanceof Count count) {
            return Optional.of(count(e, selected.get(), count));
        }
        return Optional.empty();
    }

    /** Counts no further than the answer needs: one past {@code atMost}, or up to {@code atLeast}. */
    private static SqlFragment count(String e, SqlFragment selected, Count count) {
        String events = "SELECT 1 FROM events " + e + " WHERE {}";
        if (count.atMost().isPresent() && count.atMost().getAsInt() == 0) {
            return SqlFragment.format("NOT EXISTS (" + events + ")", selected);
        }
        if (count.atMost().isEmpty() && count.atLeast() <= 1) {
            return count.atLeast() == 0 ? SqlFragment.TRUE : SqlFragment.format("EXISTS (" + events + ")", selected);
        }
        int limit = count.atMost().isPresent() ? count.atMost().getAsInt() + 1 : count.atLeast();
        SqlFragment counted = SqlFragment.format("(SELECT count(*) FROM (" + events + " LIMIT {}) x)", selected,
                SqlFragment.param(limit, "int"));
        return count.atMost().isPresent()
                ? SqlFragment.format("{} BETWEEN {} AND {}", counted, SqlFragment.param(count.atLeast(), "int"),
                        SqlFragment.param(count.atMost().getAsInt(), "int"))
                : SqlFragment.format("{} >= {}", counted, SqlFragment.param(count.atLeast(), "int"));
    }

    static Optional<SqlFragment> bought(BoughtCondition c, SqlScope scope) {
        if (!c.categories().stream().allMatch(ComparisonSql::bindableText)) {
            return Optional.empty();
        }
        String e = scope.alias("e");
        SqlFragment categories = SqlFragment.param(c.categories().toArray(String[]::new), "text[]");
        String ws = StoredValueSql.WHITESPACE;
        return window(e, c.window(), scope.now()).map(window -> SqlFragment.format("EXISTS (SELECT 1 FROM events " + e
                        + " WHERE " + e + ".profile_id = p.id AND " + e + ".type = {} AND {} AND ("
                        + "EXISTS (SELECT 1 FROM {} t CROSS JOIN LATERAL unnest(string_to_array(t.raw, ',')) AS part(name)"
                        + " WHERE btrim(part.name, " + ws + ") = ANY({}))"
                        + " OR EXISTS (SELECT 1 FROM {} t WHERE btrim(t.raw, " + ws + ") = ANY({}))))",
                SqlFragment.param(EventEvaluation.ORDER, "text"), window,
                StoredValueSql.tagged(property(e, "categories")), categories,
                StoredValueSql.tagged(property(e, "category")), categories));
    }

    static Optional<SqlFragment> sequence(SequenceCondition c, SqlScope scope) {
        String a = scope.alias("a");
        String b = scope.alias("b");
        Optional<SqlFragment> first = matching(a, c.first());
        Optional<SqlFragment> window = window(a, c.window(), scope.now());
        Optional<SqlFragment> then = matching(b, c.then());
        if (first.isEmpty() || window.isEmpty() || then.isEmpty()) {
            return Optional.empty();
        }
        SqlFragment followed = SqlFragment.format("EXISTS (SELECT 1 FROM events " + b + " WHERE {} AND " + b + ".id <> " + a + ".id"
                        + " AND " + b + ".occurred_at >= " + a + ".occurred_at"
                        + " AND " + b + ".occurred_at <= " + a + ".occurred_at + make_interval(hours => {}))",
                then.get(), SqlFragment.param(c.withinHours(), "int"));
        SqlFragment witness = c.absent()
                // Its hours have fully passed: occurred_at + hours <= now.
                ? SqlFragment.format(a + ".occurred_at <= {} AND NOT {}",
                        DateSql.timestamp(scope.now().minus(Duration.ofHours(c.withinHours())).truncatedTo(ChronoUnit.MICROS)), followed)
                : followed;
        return Optional.of(SqlFragment.format("EXISTS (SELECT 1 FROM events " + a + " WHERE {} AND {} AND {})",
                first.get(), window.get(), witness));
    }

    private static Optional<SqlFragment> matching(String alias, EventSpec spec) {
        return matching(alias, spec.event(), spec.where());
    }

    /** The event belongs to profile {@code p}, has the type and satisfies every filter. */
    private static Optional<SqlFragment> matching(String alias, String type, List<PropertyFilter> where) {
        List<SqlFragment> parts = new ArrayList<>();
        parts.add(SqlFragment.format(alias + ".profile_id = p.id AND " + alias + ".type = {}", SqlFragment.param(type, "text")));
        for (PropertyFilter f : where) {
            if (!ComparisonSql.bindableText(f.property())) {
                return Optional.empty();
            }
            Optional<SqlFragment> test = ComparisonSql.test(f.op(), f.value());
            if (test.isEmpty()) {
                return Optional.empty();
            }
            parts.add(AttributeSql.holds(test.get(), property(alias, f.property())));
        }
        return Optional.of(SqlFragment.and(parts));
    }

    /** The event's property as JSON, or NULL. */
    private static SqlFragment property(String alias, String name) {
        return SqlFragment.format("{} -> {}", StoredValueSql.document(alias + ".properties"), SqlFragment.param(name, "text"));
    }

    /** {@link EventEvaluation#inWindow} for the event {@code alias}; empty for a kind of window not known here. */
    static Optional<SqlFragment> window(String alias, Window window, Instant now) {
        String at = alias + ".occurred_at";
        if (window instanceof AllTime) {
            return Optional.of(SqlFragment.TRUE);
        }
        if (window instanceof LastDays last) {
            return Optional.of(SqlFragment.format(at + " >= {}", DateSql.timestamp(roundedUp(now.minus(Duration.ofDays(last.days()))))));
        }
        if (window instanceof Between between) {
            Instant start = roundedUp(between.start());
            Instant end = between.end().truncatedTo(ChronoUnit.MICROS);
            if (start.isAfter(LAST) || end.isBefore(FIRST)) {
                return Optional.of(SqlFragment.FALSE);
            }
            List<SqlFragment> bounds = new ArrayList<>();
            if (start.isAfter(FIRST)) {
                bounds.add(SqlFragment.format(at + " >= {}", DateSql.timestamp(start)));
            }
            if (end.isBefore(LAST)) {
                bounds.add(SqlFragment.format(at + " <= {}", DateSql.timestamp(end)));
            }
            return Optional.of(SqlFragment.and(bounds));
        }
        return Optional.empty();
    }

    private static Instant roundedUp(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return down.equals(instant) ? instant : down.plus(1, ChronoUnit.MICROS);
    }
}
