package org.tailor.segments.internal;

import java.time.Instant;
import java.util.Optional;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.segments.internal.Rule.ConsentCondition;
import org.tailor.segments.internal.Rule.ConsentState;

/**
 * Consent conditions. The current state of a purpose is decided as the consent check decides it:
 * the latest record by {@code recordedAt}, where of records with the same instant one that does
 * not grant wins over one that grants (an ambiguous history never reads as consent) and otherwise
 * the later in the history; a {@code pending} record (asking again) does not displace a grant still
 * in force when it was recorded; a grant whose expiry has passed is {@code expired}. A purpose
 * without records is {@code unknown}.
 */
final class ConsentEvaluation {

    private ConsentEvaluation() {
    }

    /** The record that decides the purpose's current state, or empty when there is none. */
    static Optional<ConsentRecord> latest(String purpose, EvaluationContext context) {
        ConsentRecord latest = null;
        for (ConsentRecord r : context.consents()) {
            if (r.purpose().equals(purpose) && (latest == null || decidesOver(r, latest))) {
                latest = r;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static boolean decidesOver(ConsentRecord later, ConsentRecord current) {
        if (!later.recordedAt().equals(current.recordedAt())) {
            boolean reAsked = later.status() == ConsentStatus.PENDING && later.recordedAt().isAfter(current.recordedAt())
                    && current.grantsAt(later.recordedAt());
            return later.recordedAt().isAfter(current.recordedAt()) && !reAsked;
        }
        return later.status() != ConsentStatus.GRANTED || current.status() == ConsentStatus.GRANTED;
    }

    static ConsentState stateOf(Optional<ConsentRecord> latest, Instant now) {
        return latest.map(r -> r.status() == ConsentStatus.GRANTED && !r.grantsAt(now)
                ? ConsentState.EXPIRED : ConsentState.of(r.status())).orElse(ConsentState.UNKNOWN);
    }

    static boolean test(ConsentCondition c, EvaluationContext context) {
        return c.states().contains(stateOf(latest(c.purpose(), context), context.now()));
    }

    static Trace explain(ConsentCondition c, EvaluationContext context) {
        Optional<ConsentRecord> latest = latest(c.purpose(), context);
        ConsentState state = stateOf(latest, context.now());
        String detail = "latest is " + state.word() + latest.map(r -> " (" + r.recordedAt() + ", " + r.source() + ")")
                .orElse(" (no record for " + c.purpose() + ")");
        return Trace.leaf(RuleTextPrinter.condition(c), detail, c.states().contains(state));
    }
}
