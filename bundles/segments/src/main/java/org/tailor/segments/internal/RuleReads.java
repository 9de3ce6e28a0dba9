package org.tailor.segments.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.tailor.segments.internal.Rule.All;
import org.tailor.segments.internal.Rule.AnniversaryCondition;
import org.tailor.segments.internal.Rule.Any;
import org.tailor.segments.internal.Rule.AttributeCondition;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.DateCondition;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.Not;
import org.tailor.segments.internal.Rule.PurchaseCondition;
import org.tailor.segments.internal.Rule.SegmentCondition;
import org.tailor.segments.internal.Rule.SequenceCondition;

/**
 * What a rule can be changed by, with the segments it refers to followed transitively: which
 * event types and which attributes (or identity namespaces) it reads, whether it depends on today's
 * date, and after how long an event of each type can change its answer just by time passing (a
 * window of the last N days lets go of it; a "then no" sequence's hours run out). A rule with a
 * condition the compiler does not know reads everything.
 *
 * @param moving per event type, the delays in nanoseconds after an event's time at which the rule
 *               may change without new data: the answer at {@code time + delay} may differ from before
 * @param segments the segments referred to, directly or not
 */
record RuleReads(Set<String> eventTypes, Set<String> attributes, Map<String, Set<Long>> moving, boolean dates,
                 boolean everything, Set<String> segments) {

    static RuleReads of(Rule rule, SegmentLookup lookup, Predicate<Rule> interpreted) {
        Collector collector = new Collector(lookup, interpreted);
        collector.visit(rule);
        return new RuleReads(Set.copyOf(collector.types), Set.copyOf(collector.attributes), Map.copyOf(collector.moving),
                collector.dates, collector.everything, Set.copyOf(collector.segments));
    }

    /** When an event leaves a window of the last N days: it is in up to and including time + N days, and out a nanosecond later. */
    static long delayOf(LastDays window) {
        return window.days() * EventTimes.NANOS_PER_DAY + 1;
    }

    private static final class Collector {
        final SegmentLookup lookup;
        final Predicate<Rule> interpreted;
        final Set<String> types = new HashSet<>();
        final Set<String> attributes = new HashSet<>();
        final Map<String, Set<Long>> moving = new HashMap<>();
        final Set<String> segments = new TreeSet<>();
        boolean dates;
        boolean everything;

        Collector(SegmentLookup lookup, Predicate<Rule> interpreted) {
            this.lookup = lookup;
            this.interpreted = interpreted;
        }

        void visit(Rule rule) {
            if (interpreted.test(rule)) {
                everything = true;
            } else if (rule instanceof All all) {
                all.rules().forEach(this::visit);
            } else if (rule instanceof Any any) {
                any.rules().forEach(this::visit);
            } else if (rule instanceof Not not) {
                visit(not.rule());
            } else if (rule instanceof AttributeCondition c) {
                attributes.add(c.attribute());
            } else if (rule instanceof PurchaseCondition c) {
                attributes.add(c.field().attribute());
            } else if (rule instanceof DateCondition c) {
                dated(c.attribute());
            } else if (rule instanceof AnniversaryCondition c) {
                dated(c.attribute());
            } else if (rule instanceof EventCondition c) {
                event(c.event(), c.window());
            } else if (rule instanceof BoughtCondition c) {
                event(EventEvaluation.ORDER, c.window());
            } else if (rule instanceof SequenceCondition c) {
                event(c.first().event(), c.window());
                types.add(c.then().event());
                if (c.absent()) {
                    moves(c.first().event(), c.withinHours() * EventTimes.NANOS_PER_HOUR);
                }
            } else if (rule instanceof SegmentCondition c) {
                if (segments.add(c.segment())) {
                    lookup.rule(c.segment()).ifPresent(this::visit);
                }
            } else {
                everything = true;
            }
        }

        private void dated(String attribute) {
            attributes.add(attribute);
            attributes.add(EvaluationContext.TIME_ZONE);
            dates = true;
        }

        private void event(String type, Rule.Window window) {
            types.add(type);
            if (window instanceof LastDays last) {
                moves(type, delayOf(last));
            }
        }

        private void moves(String type, long delay) {
            moving.computeIfAbsent(type, t -> new TreeSet<>()).add(delay);
        }
    }

    /** The delays of all the rules together, per event type. */
    static Map<String, Set<Long>> union(List<RuleReads> reads) {
        Map<String, Set<Long>> all = new HashMap<>();
        for (RuleReads r : reads) {
            r.moving().forEach((type, delays) -> all.computeIfAbsent(type, t -> new TreeSet<>()).addAll(delays));
        }
        return all;
    }
}
