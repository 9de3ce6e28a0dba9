package org.tailor.segments.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AllTime;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.DaysAgo;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.EventSpec;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.ScoreCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;

/**
 * Writes rules in the text syntax that {@link RuleTextParser} reads, such that
 * {@code parse(print(rule))} equals {@code rule} for every rule. The grammar is in the segment
 * guide. An {@code and}/{@code or} of two or more rules is written infix, and in parentheses
 * when it is itself an operand, so that parsing gives back the same nesting; {@code all(…)}
 * and {@code any(…)} are written only for zero or one operand.
 */
final class RuleTextPrinter {

    private RuleTextPrinter() {
    }

    static String print(Rule rule) {
        StringBuilder out = new StringBuilder();
        rule(out, rule);
        return out.toString();
    }

    /** A segment as a {@code .seg} file: its name and description, then its rule. */
    static String print(Segment segment) {
        StringBuilder out = new StringBuilder();
        out.append("name ").append(TextLiterals.quote(segment.name())).append('\n');
        if (!segment.description().isEmpty()) {
            out.append("description ").append(TextLiterals.quote(segment.description())).append('\n');
        }
        rule(out, segment.rule());
        return out.append('\n').toString();
    }

    /** A lifecycle as a {@code lifecycle.seg} file: one {@code stage name: rule} line per stage, in order. */
    static String print(Lifecycle lifecycle) {
        StringBuilder out = new StringBuilder();
        for (Lifecycle.Stage stage : lifecycle.stages()) {
            out.append("stage ").append(stage.name()).append(": ");
            rule(out, stage.rule());
            out.append('\n');
        }
        return out.toString();
    }

    private static void rule(StringBuilder out, Rule rule) {
        if (rule instanceof All all) {
            group(out, "all", " and ", all.rules());
        } else if (rule instanceof Any any) {
            group(out, "any", " or ", any.rules());
        } else if (rule instanceof Not not) {
            out.append("not ");
            operand(out, not.rule());
        } else {
            condition(out, rule);
        }
    }

    private static void group(StringBuilder out, String function, String infix, List<Rule> rules) {
        if (rules.size() < 2) {
            out.append(function).append('(');
            if (!rules.isEmpty()) {
                rule(out, rules.get(0));
            }
            out.append(')');
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            if (i > 0) {
                out.append(infix);
            }
            operand(out, rules.get(i));
        }
    }

    /** An operand of and/or/not: in parentheses when it is itself infix. */
    private static void operand(StringBuilder out, Rule rule) {
        boolean infix = (rule instanceof All all && all.rules().size() >= 2) || (rule instanceof Any any && any.rules().size() >= 2);
        if (infix) {
            out.append('(');
            rule(out, rule);
            out.append(')');
        } else {
            rule(out, rule);
        }
    }

    /** One condition, as explain traces also show it. */
    static String condition(Rule rule) {
        StringBuilder out = new StringBuilder();
        condition(out, rule);
        return out.toString();
    }

    private static void condition(StringBuilder out, Rule rule) {
        if (rule instanceof AttributeCondition c) {
            out.append(TextLiterals.name(c.attribute())).append(' ').append(comparison(c.op(), c.value()));
        } else if (rule instanceof DateCondition c) {
            out.append(TextLiterals.name(c.attribute())).append(" in ").append(c.direction() == Rule.Direction.LAST ? "last " : "next ")
                    .append(c.days()).append(" days");
        } else if (rule instanceof AnniversaryCondition c) {
            out.append(c.attribute().equals("birth_date") ? "birthday" : "anniversary of " + TextLiterals.name(c.attribute()))
                    .append(" in next ").append(c.days()).append(" days");
        } else if (rule instanceof EventCondition c) {
            event(out, c);
        } else if (rule instanceof SequenceCondition c) {
            spec(out, c.first());
            window(out, c.window());
            out.append(" then ").append(c.absent() ? "no " : "");
            spec(out, c.then());
            out.append(" within ").append(c.withinHours()).append(" hours");
        } else if (rule instanceof PurchaseCondition c) {
            out.append("purchase ").append(c.field().attribute()).append(' ').append(comparison(c.op(), c.value()));
        } else if (rule instanceof BoughtCondition c) {
            out.append("bought category ").append(oneOf(c.categories()));
            window(out, c.window());
        } else if (rule instanceof SegmentCondition c) {
            out.append("segment ").append(TextLiterals.quote(c.segment()));
        } else if (rule instanceof ScoreCondition c) {
            out.append("score ").append(TextLiterals.name(c.score())).append(' ').append(comparison(c.op(), c.value()));
        } else if (rule instanceof ClusterCondition c) {
            out.append("cluster ").append(oneOf(c.clusters()));
        } else if (rule instanceof ConsentCondition c) {
            out.append("consent ").append(TextLiterals.name(c.purpose())).append(c.states().size() == 1
                    ? " is " + c.states().get(0).word()
                    : c.states().stream().map(ConsentState::word).collect(Collectors.joining(", ", " in [", "]")));
        } else if (rule instanceof LifecycleCondition c) {
            out.append("lifecycle ").append(oneOf(c.stages()));
        } else {
            // All, Any and Not are not conditions; a trace names them by their kind.
            out.append(rule instanceof All ? "all of" : rule instanceof Any ? "any of" : "not");
        }
    }

    /** {@code = "a"} for one name, {@code in ["a", "b"]} for several. */
    private static String oneOf(List<String> names) {
        return names.size() == 1 ? "= " + TextLiterals.quote(names.get(0)) : "in " + TextLiterals.literal(names);
    }

    private static void event(StringBuilder out, EventCondition c) {
        boolean none = c.measure() instanceof Count count && count.atLeast() == 0 && count.atMost().orElse(-1) == 0;
        if (none) {
            out.append("no ");
        }
        spec(out, new EventSpec(c.event(), c.where()));
        if (!none) {
            measure(out, c.measure());
        }
        window(out, c.window());
    }

    private static void spec(StringBuilder out, EventSpec spec) {
        out.append("event ").append(spec.event());
        List<PropertyFilter> where = spec.where();
        if (where.size() == 1) {
            out.append(" where ").append(filter(where.get(0)));
        } else if (!where.isEmpty()) {
            out.append(" where (").append(where.stream().map(RuleTextPrinter::filter).collect(Collectors.joining(" and "))).append(')');
        }
    }

    private static String filter(PropertyFilter f) {
        return TextLiterals.name(f.property()) + " " + comparison(f.op(), f.value());
    }

    private static void measure(StringBuilder out, Rule.Measure measure) {
        if (measure instanceof Sum sum) {
            out.append(" sum ").append(TextLiterals.name(sum.property())).append(" >= ").append(TextLiterals.literal(sum.atLeast()));
            return;
        }
        Count count = (Count) measure;
        int least = count.atLeast();
        if (count.atMost().isEmpty()) {
            if (least != 1) {
                out.append(" >= ").append(least).append(" times");
            }
            return;
        }
        int most = count.atMost().getAsInt();
        if (least == most) {
            out.append(" = ").append(least).append(" times");
        } else if (least == 0) {
            out.append(" <= ").append(most).append(" times");
        } else {
            out.append(" between ").append(least).append(" and ").append(most).append(" times");
        }
    }

    private static void window(StringBuilder out, Window window) {
        if (window instanceof LastDays last) {
            out.append(" within ").append(last.days()).append(" days");
        } else if (window instanceof DaysAgo ago) {
            out.append(" between ").append(ago.from()).append(" and ").append(ago.to()).append(" days ago");
        } else if (window instanceof Between between) {
            out.append(" from ").append(TextLiterals.date(between.from())).append(" to ").append(TextLiterals.date(between.to()));
        } else if (!(window instanceof AllTime)) {
            throw new AssertionError(window);
        }
    }

    static String comparison(Operator op, Object value) {
        switch (op) {
            case EQ:
                return "= " + TextLiterals.literal(value);
            case NE:
                return "!= " + TextLiterals.literal(value);
            case GT:
                return "> " + TextLiterals.literal(value);
            case GTE:
                return ">= " + TextLiterals.literal(value);
            case LT:
                return "< " + TextLiterals.literal(value);
            case LTE:
                return "<= " + TextLiterals.literal(value);
            case IN:
                return "in " + TextLiterals.literal(value);
            case NOT_IN:
                return "not in " + TextLiterals.literal(value);
            case BETWEEN:
                List<?> range = (List<?>) value;
                return "between " + TextLiterals.literal(range.get(0)) + " and " + TextLiterals.literal(range.get(1));
            case CONTAINS:
                return "contains " + TextLiterals.literal(value);
            case STARTS_WITH:
                return "starts with " + TextLiterals.literal(value);
            case EXISTS:
                return "exists";
            default:
                throw new AssertionError(op);
        }
    }
}
