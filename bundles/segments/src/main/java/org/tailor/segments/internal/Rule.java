package org.tailor.segments.internal;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A segment rule: a typed tree of conditions. Rules are plain data, never code; the only way to
 * give them meaning is {@link RuleEvaluator}. The records check their invariants so that a rule
 * that exists is a rule that can be evaluated and printed.
 */
sealed interface Rule {

    /** Matches when every child matches; with no children it matches everyone. */
    record All(List<Rule> rules) implements Rule {
        public All {
            rules = List.copyOf(rules);
        }
    }

    /** Matches when at least one child matches; with no children it matches no one. */
    record Any(List<Rule> rules) implements Rule {
        public Any {
            rules = List.copyOf(rules);
        }
    }

    /** Matches when its child does not. */
    record Not(Rule rule) implements Rule {
        public Not {
            Objects.requireNonNull(rule, "rule");
        }
    }

    /**
     * Compares one profile value with a literal; see {@link RuleEvaluator} for where the value
     * comes from and what a missing one means.
     *
     * @param attribute the attribute name, never blank
     * @param op the operator
     * @param value the literal, null exactly when {@code op} is {@code exists}
     */
    record AttributeCondition(String attribute, Operator op, Object value) implements Rule {
        public AttributeCondition {
            requireName(attribute, "attribute");
            value = checkedLiteral(op, value);
        }
    }

    /**
     * Counts the profile's events of one type whose properties satisfy every filter and that
     * occurred at or after {@code now - withinDays × 24 h} (ever, without a window), and matches
     * when the count is between {@code atLeast} and {@code atMost}, both inclusive.
     *
     * @param event the event type
     * @param where property filters, all of which an event must satisfy to count
     * @param atLeast the minimum count, at least 0; the file format defaults it to 1, or to 0
     *                when only {@code atMost} is given
     * @param atMost the maximum count if bounded, never below {@code atLeast}
     * @param withinDays the window in days of 24 hours ending now, if not all time
     */
    record EventCondition(String event, List<PropertyFilter> where, int atLeast, OptionalInt atMost,
                          OptionalInt withinDays) implements Rule {

        /** The event types ingest accepts. */
        static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
        /** A hundred years; more is a typo, and it keeps window arithmetic far from overflow. */
        static final int MAX_WITHIN_DAYS = 36_500;

        public EventCondition {
            Objects.requireNonNull(event, "event");
            if (!EVENT_TYPE.matcher(event).matches()) {
                throw new IllegalArgumentException("event type must match " + EVENT_TYPE + ": " + event);
            }
            where = List.copyOf(where);
            Objects.requireNonNull(atMost, "atMost");
            Objects.requireNonNull(withinDays, "withinDays");
            if (atLeast < 0 || (atMost.isPresent() && atMost.getAsInt() < atLeast)) {
                throw new IllegalArgumentException("need 0 <= atLeast <= atMost: " + atLeast + ", " + atMost);
            }
            if (withinDays.isPresent() && (withinDays.getAsInt() < 1 || withinDays.getAsInt() > MAX_WITHIN_DAYS)) {
                throw new IllegalArgumentException("withinDays out of range: " + withinDays);
            }
        }
    }

    /**
     * One {@code where} filter of an {@link EventCondition}: the same comparison as an
     * {@link AttributeCondition}, applied to an event property.
     */
    record PropertyFilter(String property, Operator op, Object value) {
        public PropertyFilter {
            requireName(property, "property");
            value = checkedLiteral(op, value);
        }
    }

    private static void requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    private static Object checkedLiteral(Operator op, Object value) {
        Objects.requireNonNull(op, "op");
        op.problemWith(value).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return value instanceof List<?> list ? List.copyOf(list) : value;
    }
}
