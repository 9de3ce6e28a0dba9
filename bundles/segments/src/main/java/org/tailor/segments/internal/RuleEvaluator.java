package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
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
 * Decides whether a profile matches a rule, and explains why: a pure function of the rule, the
 * profile, its events, the time of evaluation and the other segments' rules. Each condition
 * kind is evaluated by its own class; this one walks the tree.
 *
 * <p>Evaluation never throws for what a profile holds: a missing or ill-typed value makes a
 * condition false as its class documents. A reference to a segment that is not loaded, or one
 * that leads back to a segment being evaluated (which loading prevents), is false.
 * {@link #explain} evaluates every condition and gives the same result as {@link #matches}.
 */
final class RuleEvaluator {

    private RuleEvaluator() {
    }

    /** Whether the profile matches, with no other segments to refer to. */
    static boolean matches(Rule rule, Profile profile, List<Event> events, Instant now) {
        return matches(rule, EvaluationContext.of(profile, events, now, SegmentLookup.NONE));
    }

    /**
     * Whether the profile matches.
     *
     * @param context its events must hold at least those within {@link #windowOf}, in any order
     */
    static boolean matches(Rule rule, EvaluationContext context) {
        if (rule instanceof All all) {
            for (Rule r : all.rules()) {
                if (!matches(r, context)) {
                    return false;
                }
            }
            return true;
        }
        if (rule instanceof Any any) {
            for (Rule r : any.rules()) {
                if (matches(r, context)) {
                    return true;
                }
            }
            return false;
        }
        if (rule instanceof Not not) {
            return !matches(not.rule(), context);
        }
        if (rule instanceof AttributeCondition c) {
            return AttributeEvaluation.test(c, context);
        }
        if (rule instanceof PurchaseCondition c) {
            return AttributeEvaluation.test(c, context);
        }
        if (rule instanceof DateCondition c) {
            return DateEvaluation.test(c, context);
        }
        if (rule instanceof AnniversaryCondition c) {
            return DateEvaluation.test(c, context);
        }
        if (rule instanceof EventCondition c) {
            return EventEvaluation.test(c, context);
        }
        if (rule instanceof BoughtCondition c) {
            return EventEvaluation.test(c, context);
        }
        if (rule instanceof SequenceCondition c) {
            return SequenceEvaluation.test(c, context);
        }
        if (rule instanceof SegmentCondition c) {
            Optional<Rule> referenced = referenced(c, context);
            return referenced.isPresent() && matches(referenced.get(), context.entering(c.segment()));
        }
        throw new AssertionError(rule);
    }

    /** Every condition with what it read and decided; the root's result is {@link #matches}. */
    static Trace explain(Rule rule, EvaluationContext context) {
        if (rule instanceof All all) {
            List<Trace> children = explainAll(all.rules(), context);
            long held = children.stream().filter(Trace::result).count();
            return new Trace("all of", held + " of " + children.size() + " hold", held == children.size(), children);
        }
        if (rule instanceof Any any) {
            List<Trace> children = explainAll(any.rules(), context);
            long held = children.stream().filter(Trace::result).count();
            return new Trace("any of", held + " of " + children.size() + " hold", held > 0, children);
        }
        if (rule instanceof Not not) {
            Trace child = explain(not.rule(), context);
            return new Trace("not", "", !child.result(), List.of(child));
        }
        if (rule instanceof AttributeCondition c) {
            return AttributeEvaluation.explain(c, context);
        }
        if (rule instanceof PurchaseCondition c) {
            return AttributeEvaluation.explain(c, context);
        }
        if (rule instanceof DateCondition c) {
            return DateEvaluation.explain(c, context);
        }
        if (rule instanceof AnniversaryCondition c) {
            return DateEvaluation.explain(c, context);
        }
        if (rule instanceof EventCondition c) {
            return EventEvaluation.explain(c, context);
        }
        if (rule instanceof BoughtCondition c) {
            return EventEvaluation.explain(c, context);
        }
        if (rule instanceof SequenceCondition c) {
            return SequenceEvaluation.explain(c, context);
        }
        if (rule instanceof SegmentCondition c) {
            String condition = RuleTextPrinter.condition(c);
            if (context.visiting().contains(c.segment())) {
                return Trace.leaf(condition, "refers back to itself through " + String.join(" -> ", context.visiting()), false);
            }
            Optional<Rule> referenced = context.segments().rule(c.segment());
            if (referenced.isEmpty()) {
                return Trace.leaf(condition, "no such segment is loaded", false);
            }
            Trace child = explain(referenced.get(), context.entering(c.segment()));
            return new Trace(condition, child.result() ? "a member" : "not a member", child.result(), List.of(child));
        }
        throw new AssertionError(rule);
    }

    private static List<Trace> explainAll(List<Rule> rules, EvaluationContext context) {
        List<Trace> traces = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            traces.add(explain(r, context));
        }
        return traces;
    }

    private static Optional<Rule> referenced(SegmentCondition c, EvaluationContext context) {
        return context.visiting().contains(c.segment()) ? Optional.empty() : context.segments().rule(c.segment());
    }

    /** The widest window of events any condition in the rule looks at, without other segments. */
    static EventWindow windowOf(Rule rule) {
        return windowOf(rule, SegmentLookup.NONE);
    }

    /** The widest window of events any condition in the rule, or in a segment it refers to, looks at. */
    static EventWindow windowOf(Rule rule, SegmentLookup segments) {
        return windowOf(rule, segments, new HashSet<>());
    }

    private static EventWindow windowOf(Rule rule, SegmentLookup segments, Set<String> seen) {
        if (rule instanceof All all) {
            return widest(all.rules(), segments, seen);
        }
        if (rule instanceof Any any) {
            return widest(any.rules(), segments, seen);
        }
        if (rule instanceof Not not) {
            return windowOf(not.rule(), segments, seen);
        }
        if (rule instanceof EventCondition c) {
            return EventWindow.of(c.window());
        }
        if (rule instanceof BoughtCondition c) {
            return EventWindow.of(c.window());
        }
        if (rule instanceof SequenceCondition c) {
            return EventWindow.of(c.window());
        }
        if (rule instanceof SegmentCondition c && seen.add(c.segment())) {
            return segments.rule(c.segment()).map(r -> windowOf(r, segments, seen)).orElse(EventWindow.NONE);
        }
        return EventWindow.NONE;
    }

    private static EventWindow widest(List<Rule> rules, SegmentLookup segments, Set<String> seen) {
        EventWindow window = EventWindow.NONE;
        for (Rule r : rules) {
            window = window.widen(windowOf(r, segments, seen));
        }
        return window;
    }
}
