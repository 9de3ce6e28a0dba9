package org.tailor.segments.internal;

import java.util.Optional;
import org.tailor.api.model.ConsentRecord;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;

/**
 * Consent conditions. The current state of a purpose is the status of its latest record by
 * {@code recordedAt}; of records with the same instant, the later in the history counts, as the
 * store orders a history by time and then by insertion. A purpose without records is
 * {@code unknown}.
 */
final class ConsentEvaluation {

    private ConsentEvaluation() {
    }

    /** The record that decides the purpose's current state, or empty when there is none. */
    static Optional<ConsentRecord> latest(String purpose, EvaluationContext context) {
        ConsentRecord latest = null;
        for (ConsentRecord r : context.consents()) {
            if (r.purpose().equals(purpose) && (latest == null || !r.recordedAt().isBefore(latest.recordedAt()))) {
                latest = r;
            }
        }
        return Optional.ofNullable(latest);
    }

    static ConsentState stateOf(Optional<ConsentRecord> latest) {
        return latest.map(r -> ConsentState.of(r.status())).orElse(ConsentState.UNKNOWN);
    }

    static boolean test(ConsentCondition c, EvaluationContext context) {
        return c.states().contains(stateOf(latest(c.purpose(), context)));
    }

    static Trace explain(ConsentCondition c, EvaluationContext context) {
        Optional<ConsentRecord> latest = latest(c.purpose(), context);
        ConsentState state = stateOf(latest);
        String detail = "latest is " + state.word() + latest.map(r -> " (" + r.recordedAt() + ", " + r.source() + ")")
                .orElse(" (no record for " + c.purpose() + ")");
        return Trace.leaf(RuleTextPrinter.condition(c), detail, c.states().contains(state));
    }
}
