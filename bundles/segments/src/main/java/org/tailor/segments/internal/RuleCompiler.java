package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;

/**
 * Turns a rule into a {@link CompiledCondition} over the columns. A reference to another segment
 * is compiled in place (false when that segment is unknown or leads back, as in
 * {@link RuleEvaluator}). A kind of condition it does not know is left to {@link InterpretedCheck},
 * so that new kinds are right before they are fast.
 */
final class RuleCompiler {

    private final ProfileTable profiles;
    private final EventTable events;
    private final EventCounters counters;
    private final SegmentLookup segments;
    private final Predicate<Rule> interpreted;

    /**
     * @param counters where counting conditions keep per-profile counters, or null for none
     * @param interpreted conditions to leave to {@link RuleEvaluator} even though they could be compiled (for tests)
     */
    RuleCompiler(ProfileTable profiles, EventTable events, EventCounters counters, SegmentLookup segments,
                 Predicate<Rule> interpreted) {
        this.profiles = profiles;
        this.events = events;
        this.counters = counters;
        this.segments = segments;
        this.interpreted = interpreted;
    }

    RuleCompiler(ProfileTable profiles, EventTable events, EventCounters counters, SegmentLookup segments) {
        this(profiles, events, counters, segments, rule -> false);
    }

    /**
     * Conditions the compiler has no column test for: windows counted back from days ago, and
     * every condition that reads scores, consent or the lifecycle (which fall to the last branch
     * of {@link #compile} by themselves).
     */
    static boolean needsInterpreter(Rule rule) {
        Rule.Window window = rule instanceof EventCondition c ? c.window()
                : rule instanceof BoughtCondition c ? c.window()
                : rule instanceof SequenceCondition c ? c.window() : null;
        return window instanceof Rule.DaysAgo;
    }

    CompiledCondition compile(Rule rule) {
        return compile(rule, List.of());
    }

    private CompiledCondition compile(Rule rule, List<String> visiting) {
        if (interpreted.test(rule) || needsInterpreter(rule)) {
            return new InterpretedCheck(rule);
        }
        if (rule instanceof All all) {
            return CompiledGroups.all(compileAll(all.rules(), visiting));
        }
        if (rule instanceof Any any) {
            return CompiledGroups.any(compileAll(any.rules(), visiting));
        }
        if (rule instanceof Not not) {
            return CompiledGroups.not(compile(not.rule(), visiting));
        }
        if (rule instanceof AttributeCondition c) {
            return new AttributeCheck(c, profiles);
        }
        if (rule instanceof PurchaseCondition c) {
            return new PurchaseCheck(c, profiles);
        }
        if (rule instanceof DateCondition c) {
            return new DateCheck(c, profiles);
        }
        if (rule instanceof AnniversaryCondition c) {
            return new DateCheck(c, profiles);
        }
        if (rule instanceof EventCondition c) {
            return c.measure() instanceof Count ? new EventCountCheck(c, events, counters) : new EventSumCheck(c, events);
        }
        if (rule instanceof BoughtCondition c) {
            return new BoughtCheck(c, events);
        }
        if (rule instanceof SequenceCondition c) {
            return new SequenceCheck(c, events);
        }
        if (rule instanceof SegmentCondition c) {
            Optional<Rule> referenced = visiting.contains(c.segment()) ? Optional.empty() : segments.rule(c.segment());
            if (referenced.isEmpty()) {
                return CompiledCondition.FALSE;
            }
            List<String> path = new ArrayList<>(visiting);
            path.add(c.segment());
            return compile(referenced.get(), path);
        }
        return new InterpretedCheck(rule);
    }

    private List<CompiledCondition> compileAll(List<Rule> rules, List<String> visiting) {
        List<CompiledCondition> compiled = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            compiled.add(compile(r, visiting));
        }
        return compiled;
    }
}
