package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;

/**
 * Compiles a rule into one PostgreSQL query for the ids of the live profiles that match it at an
 * instant, with the result {@link RuleEvaluator} gives for each profile as the store holds it.
 * Referenced segments are inlined; every literal is a bound parameter.
 *
 * <p>Each kind of rule has its own method, found by the rule's class in {@link #KINDS}. A rule
 * with a kind (or a window or measure) not known here compiles to nothing, and its caller
 * evaluates it in memory instead; so does one whose literals PostgreSQL cannot take as they are
 * (text with U+0000, numbers beyond {@code numeric}) or that grows past
 * {@link SqlScope#MAX_NODES} rules or {@link #MAX_PARAMETERS} parameters through the segments it
 * refers to.
 *
 * <p>Every predicate built here is TRUE or FALSE, never NULL, so that {@code NOT} is exact.
 */
final class RuleSql {

    /** Well below the protocol's 65,535 bind parameters per statement. */
    static final int MAX_PARAMETERS = 30_000;

    private static final Map<Class<?>, BiFunction<Rule, SqlScope, Optional<SqlFragment>>> KINDS = Map.ofEntries(
            kind(All.class, RuleSql::all),
            kind(Any.class, RuleSql::any),
            kind(Not.class, RuleSql::not),
            kind(SegmentCondition.class, RuleSql::segment),
            kind(AttributeCondition.class, AttributeSql::attribute),
            kind(PurchaseCondition.class, AttributeSql::purchase),
            kind(DateCondition.class, DateSql::date),
            kind(AnniversaryCondition.class, DateSql::anniversary),
            kind(EventCondition.class, EventSql::event),
            kind(BoughtCondition.class, EventSql::bought),
            kind(SequenceCondition.class, EventSql::sequence));

    private RuleSql() {
    }

    private static <R extends Rule> Map.Entry<Class<?>, BiFunction<Rule, SqlScope, Optional<SqlFragment>>> kind(
            Class<R> type, BiFunction<R, SqlScope, Optional<SqlFragment>> compiler) {
        return Map.entry(type, (rule, scope) -> compiler.apply(type.cast(rule), scope));
    }

    /**
     * {@code SELECT} of the matching live profiles' ids, column {@code id}; empty if the rule
     * cannot be compiled.
     *
     * @param zones the time zones PostgreSQL knows, asked for only when the rule has date conditions
     */
    static Optional<SqlFragment> memberIds(Rule rule, SegmentLookup segments, Instant now, Supplier<ZoneSql.Names> zones) {
        SqlScope scope = new SqlScope(now, segments);
        Optional<SqlFragment> predicate = predicate(rule, scope);
        if (predicate.isEmpty() || predicate.get().params().size() > MAX_PARAMETERS) {
            return Optional.empty();
        }
        SqlFragment select = SqlFragment.format("SELECT p.id FROM profiles p" + (scope.usesZone() ? "\n" + ZoneSql.PROFILE_ZONE : "")
                + "\nWHERE p.absorbed_into IS NULL AND ({})", predicate.get());
        return Optional.of(scope.usesZone() ? SqlFragment.format("WITH {}\n{}", ZoneSql.zones(zones.get()), select) : select);
    }

    /** {@code SELECT count(*)} of the matching live profiles; empty if the rule cannot be compiled. */
    static Optional<SqlFragment> memberCount(Rule rule, SegmentLookup segments, Instant now, Supplier<ZoneSql.Names> zones) {
        return memberIds(rule, segments, now, zones).map(ids -> SqlFragment.format("SELECT count(*) FROM ({}) m", ids));
    }

    /** The rule as a predicate on profile {@code p}; empty if some part of it cannot be compiled. */
    static Optional<SqlFragment> predicate(Rule rule, SqlScope scope) {
        BiFunction<Rule, SqlScope, Optional<SqlFragment>> compiler = KINDS.get(rule.getClass());
        return compiler == null || !scope.admit() ? Optional.empty() : compiler.apply(rule, scope);
    }

    private static Optional<SqlFragment> all(All all, SqlScope scope) {
        return predicates(all.rules(), scope).map(SqlFragment::and);
    }

    private static Optional<SqlFragment> any(Any any, SqlScope scope) {
        return predicates(any.rules(), scope).map(SqlFragment::or);
    }

    private static Optional<SqlFragment> not(Not not, SqlScope scope) {
        return predicate(not.rule(), scope).map(SqlFragment::not);
    }

    /** The referenced segment's rule inlined; false for an unknown segment or one that leads back, as in memory. */
    private static Optional<SqlFragment> segment(SegmentCondition c, SqlScope scope) {
        if (scope.visiting().contains(c.segment())) {
            return Optional.of(SqlFragment.FALSE);
        }
        Optional<Rule> referenced = scope.segments().rule(c.segment());
        return referenced.isEmpty() ? Optional.of(SqlFragment.FALSE) : predicate(referenced.get(), scope.entering(c.segment()));
    }

    private static Optional<List<SqlFragment>> predicates(List<Rule> rules, SqlScope scope) {
        List<SqlFragment> compiled = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            Optional<SqlFragment> one = predicate(r, scope);
            if (one.isEmpty()) {
                return Optional.empty();
            }
            compiled.add(one.get());
        }
        return Optional.of(compiled);
    }
}
