package org.tailor.segments.internal;

import java.math.BigDecimal;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.PurchaseCondition;

/**
 * Attribute and purchase-figure conditions: one profile value against the rule's literal.
 *
 * <p>An attribute condition reads the profile's attribute of that name; when there is none,
 * the profile's identity in that namespace ({@code email}, {@code customer_id}). A missing value
 * satisfies only {@code ne} and {@code notIn}. A purchase condition reads the figure ingest keeps
 * in the attributes; a profile without orders has none, and then {@code order_count},
 * {@code lifetime_value} and {@code average_order_value} read as 0 while the order dates stay missing.
 */
final class AttributeEvaluation {

    private AttributeEvaluation() {
    }

    /** The profile's attribute, else its identity in that namespace; null when it has neither. */
    static Object valueOf(Profile profile, String name) {
        Object attribute = profile.attributes().get(name);
        return attribute != null ? attribute : profile.identity(name).orElse(null);
    }

    static boolean test(AttributeCondition c, EvaluationContext context) {
        return c.op().test(c.value(), valueOf(context.profile(), c.attribute()));
    }

    static Trace explain(AttributeCondition c, EvaluationContext context) {
        Object actual = valueOf(context.profile(), c.attribute());
        return Trace.leaf(RuleTextPrinter.condition(c), c.attribute() + " is " + TextLiterals.value(actual), c.op().test(c.value(), actual));
    }

    static Object figure(PurchaseCondition c, EvaluationContext context) {
        Object value = context.profile().attributes().get(c.field().attribute());
        return value == null && c.field().zeroWhenMissing() ? BigDecimal.ZERO : value;
    }

    static boolean test(PurchaseCondition c, EvaluationContext context) {
        return c.op().test(c.value(), figure(c, context));
    }

    static Trace explain(PurchaseCondition c, EvaluationContext context) {
        Object actual = figure(c, context);
        boolean defaulted = !context.profile().attributes().containsKey(c.field().attribute()) && actual != null;
        return Trace.leaf(RuleTextPrinter.condition(c), c.field().attribute() + " is " + TextLiterals.value(actual)
                + (defaulted ? " (no orders)" : ""), c.op().test(c.value(), actual));
    }
}
