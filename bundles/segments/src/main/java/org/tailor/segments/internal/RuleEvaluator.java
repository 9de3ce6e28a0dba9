package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;

/**
 * Decides whether a profile matches a rule: a pure function of the rule, the profile, the
 * profile's events and the time of evaluation.
 *
 * <p>An attribute condition reads the profile's attribute of that name; when there is none,
 * the profile's identity in the namespace of that name, so {@code email} and
 * {@code customer_id} work although the model keeps them as identities. Values compare by
 * {@link ValueComparison}. A missing value makes every operator false except {@code ne} and
 * {@code notIn}, which are true: {@code ne} is always exactly {@code not(eq)}, and
 * "country ne DE" includes people whose country is unknown, just as
 * {@code not(country eq DE)} does. Event properties follow the same rules.
 *
 * <p>An event counts for an {@link EventCondition} when its type matches, it occurred at or
 * after {@code now - withinDays × 24 h} (the boundary itself counts; without a window every
 * event counts), and its properties satisfy every {@code where} filter. There is no upper
 * bound, exactly as the store's {@code eventsOf(profile, since)} has none, so an event stamped
 * a little ahead by a producer's clock still counts.
 */
final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /**
     * Whether the profile matches.
     *
     * @param events the profile's events, at least those within {@link #windowOf(Rule)}, in any
     *               order; events of other types or outside a condition's window are ignored
     */
    static boolean matches(Rule rule, Profile profile, List<Event> events, Instant now) {
        if (rule instanceof All all) {
            return all.rules().stream().allMatch(r -> matches(r, profile, events, now));
        }
        if (rule instanceof Any any) {
            return any.rules().stream().anyMatch(r -> matches(r, profile, events, now));
        }
        if (rule instanceof Not not) {
            return !matches(not.rule(), profile, events, now);
        }
        if (rule instanceof AttributeCondition c) {
            return test(c.op(), c.value(), valueOf(profile, c.attribute()));
        }
        if (rule instanceof EventCondition c) {
            long count = countMatching(c, events, now);
            return count >= c.atLeast() && (c.atMost().isEmpty() || count <= c.atMost().getAsInt());
        }
        throw new AssertionError(rule);
    }

    /** The widest window of events any condition in the rule looks at. */
    static EventWindow windowOf(Rule rule) {
        if (rule instanceof All all) {
            return all.rules().stream().map(RuleEvaluator::windowOf).reduce(EventWindow.NONE, EventWindow::widen);
        }
        if (rule instanceof Any any) {
            return any.rules().stream().map(RuleEvaluator::windowOf).reduce(EventWindow.NONE, EventWindow::widen);
        }
        if (rule instanceof Not not) {
            return windowOf(not.rule());
        }
        if (rule instanceof EventCondition c) {
            return c.withinDays().isPresent() ? EventWindow.ofDays(c.withinDays().getAsInt()) : EventWindow.ALL_TIME;
        }
        return EventWindow.NONE;
    }

    /** The profile's attribute, else its identity in that namespace; null when it has neither. */
    static Object valueOf(Profile profile, String name) {
        Object attribute = profile.attributes().get(name);
        return attribute != null ? attribute : profile.identity(name).orElse(null);
    }

    private static long countMatching(EventCondition c, List<Event> events, Instant now) {
        Optional<Instant> from = c.withinDays().isPresent()
                ? Optional.of(now.minus(Duration.ofDays(c.withinDays().getAsInt())))
                : Optional.empty();
        return events.stream()
                .filter(e -> e.type().equals(c.event()))
                .filter(e -> from.isEmpty() || !e.occurredAt().isBefore(from.get()))
                .filter(e -> c.where().stream().allMatch(f -> test(f, e.properties())))
                .count();
    }

    private static boolean test(PropertyFilter f, Map<String, Object> properties) {
        return test(f.op(), f.value(), properties.get(f.property()));
    }

    private static boolean test(Operator op, Object expected, Object actual) {
        if (actual == null) {
            return op == Operator.NE || op == Operator.NOT_IN;
        }
        switch (op) {
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
                throw new AssertionError(op);
        }
    }
}
