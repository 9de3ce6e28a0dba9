package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.ClusterCondition;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.LifecycleCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.ScoreCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;

/**
 * Decides whether a profile matches a rule, and explains why: a pure function of the rule, the
 * profile, its events, scores and consent history, the time of evaluation, the other segments'
 * rules and the lifecycle. Each condition kind is evaluated by its own class; this one walks the
 * tree.
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
        if (rule instanceof ScoreCondition c) {
            return ScoreEvaluation.test(c, context);
        }
        if (rule instanceof ClusterCondition c) {
            return ScoreEvaluation.test(c, context);
        }
        if (rule instanceof ConsentCondition c) {
            return ConsentEvaluation.test(c, context);
        }
        if (rule instanceof LifecycleCondition c) {
            return LifecycleEvaluation.test(c, context);
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
        if (rule instanceof ScoreCondition c) {
            return ScoreEvaluation.explain(c, context);
        }
        if (rule instanceof ClusterCondition c) {
            return ScoreEvaluation.explain(c, context);
        }
        if (rule instanceof ConsentCondition c) {
            return ConsentEvaluation.explain(c, context);
        }
        if (rule instanceof LifecycleCondition c) {
            return LifecycleEvaluation.explain(c, context);
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

    /**
     * The widest window of events any condition in the rule, in a segment it refers to or in the
     * lifecycle's stages, looks at.
     */
    static EventWindow windowOf(Rule rule, SegmentLookup segments) {
        List<Rule.Window> windows = new ArrayList<>();
        forEachCondition(rule, segments, c -> {
            if (c instanceof EventCondition e) {
                windows.add(e.window());
            } else if (c instanceof BoughtCondition b) {
                windows.add(b.window());
            } else if (c instanceof SequenceCondition q) {
                windows.add(q.window());
            }
        });
        return windows.stream().map(EventWindow::of).reduce(EventWindow.NONE, EventWindow::widen);
    }

    /** What a rule can read besides the profile and its events, so that a caller fetches only that. */
    enum Input { SCORES, CONSENT }

    /** The inputs any condition in the rule, in a segment it refers to or in the lifecycle's stages, reads. */
    static Set<Input> inputsOf(Rule rule, SegmentLookup segments) {
        Set<Input> inputs = EnumSet.noneOf(Input.class);
        forEachCondition(rule, segments, c -> {
            if (c instanceof ScoreCondition || c instanceof ClusterCondition) {
                inputs.add(Input.SCORES);
            } else if (c instanceof ConsentCondition) {
                inputs.add(Input.CONSENT);
            }
        });
        return inputs;
    }

    /**
     * Visits every condition evaluation can reach: the rule's, those of the segments it refers
     * to and, for a lifecycle condition, those of every stage, each segment and the lifecycle
     * once.
     */
    private static void forEachCondition(Rule rule, SegmentLookup segments, Consumer<Rule> visitor) {
        forEachCondition(rule, segments, visitor, new HashSet<>());
    }

    private static void forEachCondition(Rule rule, SegmentLookup segments, Consumer<Rule> visitor, Set<String> seen) {
        if (rule instanceof All all) {
            all.rules().forEach(r -> forEachCondition(r, segments, visitor, seen));
        } else if (rule instanceof Any any) {
            any.rules().forEach(r -> forEachCondition(r, segments, visitor, seen));
        } else if (rule instanceof Not not) {
            forEachCondition(not.rule(), segments, visitor, seen);
        } else {
            visitor.accept(rule);
            if (rule instanceof SegmentCondition c && seen.add(c.segment())) {
                segments.rule(c.segment()).ifPresent(r -> forEachCondition(r, segments, visitor, seen));
            } else if (rule instanceof LifecycleCondition && seen.add(SegmentGraph.LIFECYCLE)) {
                segments.lifecycle().ifPresent(l -> l.stages().forEach(s -> forEachCondition(s.rule(), segments, visitor, seen)));
            }
        }
    }
}
