package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.tailor.api.model.Event;
import org.tailor.segments.internal.Rule.Between;
import org.tailor.segments.internal.Rule.BoughtCondition;
import org.tailor.segments.internal.Rule.Count;
import org.tailor.segments.internal.Rule.DaysAgo;
import org.tailor.segments.internal.Rule.EventCondition;
import org.tailor.segments.internal.Rule.LastDays;
import org.tailor.segments.internal.Rule.PropertyFilter;
import org.tailor.segments.internal.Rule.Sum;
import org.tailor.segments.internal.Rule.Window;

/**
 * Conditions over the profile's events: counts and sums of the events of a type that match the
 * filters in a window, and categories bought in {@code order} events.
 *
 * <p>A window of the last N days starts at {@code now - N × 24 h}, the start itself included,
 * and has no end, exactly as the store's {@code eventsOf(profile, since)}, so an event stamped a
 * little ahead by a producer's clock still counts. A window from N to M days ago runs from
 * {@code now - M × 24 h} to {@code now - N × 24 h}, both ends included. A window from one date
 * to another includes both ends; a date means its whole UTC day. A property a filter reads that the event lacks
 * satisfies only {@code ne} and {@code notIn}, as for attributes. A sum adds the numeric
 * values of the property and skips events where it is missing or not a number.
 */
final class EventEvaluation {

    /** The event type ingest gives orders. */
    static final String ORDER = "order";

    private EventEvaluation() {
    }

    static boolean inWindow(Event e, Window window, Instant now) {
        if (window instanceof LastDays last) {
            return !e.occurredAt().isBefore(now.minus(Duration.ofDays(last.days())));
        }
        if (window instanceof DaysAgo ago) {
            return !e.occurredAt().isBefore(now.minus(Duration.ofDays(ago.to())))
                    && !e.occurredAt().isAfter(now.minus(Duration.ofDays(ago.from())));
        }
        if (window instanceof Between between) {
            return !e.occurredAt().isBefore(between.start()) && !e.occurredAt().isAfter(between.end());
        }
        return true;
    }

    static boolean matches(Event e, String type, List<PropertyFilter> where) {
        if (!e.type().equals(type)) {
            return false;
        }
        for (PropertyFilter f : where) {
            if (!f.op().test(f.value(), e.properties().get(f.property()))) {
                return false;
            }
        }
        return true;
    }

    private static long count(EventCondition c, EvaluationContext context) {
        long n = 0;
        for (Event e : context.events()) {
            if (matches(e, c.event(), c.where()) && inWindow(e, c.window(), context.now())) {
                n++;
            }
        }
        return n;
    }

    private static BigDecimal sum(EventCondition c, Sum sum, EvaluationContext context) {
        BigDecimal total = BigDecimal.ZERO;
        for (Event e : context.events()) {
            if (matches(e, c.event(), c.where()) && inWindow(e, c.window(), context.now())) {
                Optional<BigDecimal> value = ValueComparison.asNumber(e.properties().get(sum.property()));
                if (value.isPresent()) {
                    total = total.add(value.get());
                }
            }
        }
        return total;
    }

    private static boolean countFits(Count count, long n) {
        return n >= count.atLeast() && (count.atMost().isEmpty() || n <= count.atMost().getAsInt());
    }

    static boolean test(EventCondition c, EvaluationContext context) {
        if (c.measure() instanceof Sum sum) {
            return sum(c, sum, context).compareTo(sum.atLeast()) >= 0;
        }
        return countFits((Count) c.measure(), count(c, context));
    }

    static Trace explain(EventCondition c, EvaluationContext context) {
        String window = describe(c.window());
        if (c.measure() instanceof Sum sum) {
            BigDecimal total = sum(c, sum, context);
            return Trace.leaf(RuleTextPrinter.condition(c), "sum of " + sum.property() + " " + total.toPlainString() + " " + window
                    + ", needed >= " + sum.atLeast().toPlainString(), total.compareTo(sum.atLeast()) >= 0);
        }
        Count count = (Count) c.measure();
        long n = count(c, context);
        return Trace.leaf(RuleTextPrinter.condition(c), n + " times " + window + ", needed " + describe(count), countFits(count, n));
    }

    /** The categories of an order event: its {@code categories} list and its {@code category}. */
    static TreeSet<String> categoriesOf(Event e) {
        TreeSet<String> found = new TreeSet<>();
        Object list = e.properties().get("categories");
        if (list != null) {
            Arrays.stream(list.toString().split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(found::add);
        }
        Object single = e.properties().get("category");
        if (single != null && !single.toString().isBlank()) {
            found.add(single.toString().strip());
        }
        return found;
    }

    private static boolean bought(Event e, BoughtCondition c, Instant now) {
        if (!e.type().equals(ORDER) || !inWindow(e, c.window(), now)) {
            return false;
        }
        TreeSet<String> categories = categoriesOf(e);
        return c.categories().stream().anyMatch(categories::contains);
    }

    static boolean test(BoughtCondition c, EvaluationContext context) {
        for (Event e : context.events()) {
            if (bought(e, c, context.now())) {
                return true;
            }
        }
        return false;
    }

    static Trace explain(BoughtCondition c, EvaluationContext context) {
        long orders = 0;
        long matching = 0;
        TreeSet<String> seen = new TreeSet<>();
        for (Event e : context.events()) {
            if (e.type().equals(ORDER) && inWindow(e, c.window(), context.now())) {
                orders++;
                seen.addAll(categoriesOf(e));
                matching += bought(e, c, context.now()) ? 1 : 0;
            }
        }
        return Trace.leaf(RuleTextPrinter.condition(c), orders + " orders " + describe(c.window()) + " with categories "
                + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ", " + matching + " of them in the list", matching > 0);
    }

    static String describe(Window window) {
        if (window instanceof LastDays last) {
            return "within " + last.days() + " days";
        }
        if (window instanceof DaysAgo ago) {
            return "between " + ago.from() + " and " + ago.to() + " days ago";
        }
        if (window instanceof Between between) {
            return "from " + between.from() + " to " + between.to();
        }
        return "ever";
    }

    private static String describe(Count count) {
        if (count.atMost().isEmpty()) {
            return ">= " + count.atLeast();
        }
        int most = count.atMost().getAsInt();
        return count.atLeast() == most ? "exactly " + most : count.atLeast() == 0 ? "<= " + most : count.atLeast() + " to " + most;
    }
}
