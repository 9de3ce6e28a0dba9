package org.tailor.segments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.tailor.api.model.Event;
import org.tailor.segments.internal.Rule.SequenceCondition;

/**
 * "A, then B within H hours" and "A, then no B within H hours". An A counts when it is in the
 * window. A B follows it when it is another event, at or after A and at most H hours later.
 * "Then no B" needs an A whose H hours have fully passed (so a cart added a minute ago is not yet
 * abandoned) and that no B followed.
 */
final class SequenceEvaluation {

    private SequenceEvaluation() {
    }

    /** The first A, oldest first, that makes the condition true. */
    static Optional<Event> witness(SequenceCondition c, EvaluationContext context) {
        List<Event> firsts = new ArrayList<>();
        List<Event> seconds = new ArrayList<>();
        for (Event e : context.events()) {
            if (EventEvaluation.matches(e, c.first().event(), c.first().where()) && EventEvaluation.inWindow(e, c.window(), context.now())) {
                firsts.add(e);
            }
            if (EventEvaluation.matches(e, c.then().event(), c.then().where())) {
                seconds.add(e);
            }
        }
        firsts.sort(Comparator.comparing(Event::occurredAt));
        Duration within = Duration.ofHours(c.withinHours());
        for (Event a : firsts) {
            Instant deadline = a.occurredAt().plus(within);
            boolean followed = seconds.stream().anyMatch(b -> b != a && !b.occurredAt().isBefore(a.occurredAt())
                    && !b.occurredAt().isAfter(deadline));
            if (c.absent() ? !followed && !deadline.isAfter(context.now()) : followed) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    static boolean test(SequenceCondition c, EvaluationContext context) {
        return witness(c, context).isPresent();
    }

    static Trace explain(SequenceCondition c, EvaluationContext context) {
        long firsts = context.events().stream()
                .filter(e -> EventEvaluation.matches(e, c.first().event(), c.first().where())
                        && EventEvaluation.inWindow(e, c.window(), context.now()))
                .count();
        Optional<Event> witness = witness(c, context);
        String detail = firsts + " " + c.first().event() + " " + EventEvaluation.describe(c.window()) + "; "
                + witness.map(a -> "the one at " + a.occurredAt() + (c.absent() ? " had no " : " was followed by ")
                        + c.then().event() + " within " + c.withinHours() + " hours")
                        .orElse(c.absent() ? "each was followed by " + c.then().event() + " or its " + c.withinHours() + " hours have not passed"
                                : "none was followed by " + c.then().event() + " within " + c.withinHours() + " hours");
        return Trace.leaf(RuleTextPrinter.condition(c), detail, witness.isPresent());
    }
}
