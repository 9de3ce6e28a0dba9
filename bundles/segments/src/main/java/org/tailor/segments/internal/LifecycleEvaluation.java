package org.tailor.segments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tailor.segments.internal.Lifecycle.Stage;
import org.tailor.segments.internal.Rule.LifecycleCondition;

/**
 * Lifecycle conditions. The profile's stage is the first stage whose rule matches, evaluated with
 * the same profile at the same instant, and {@code none} when no stage matches or no lifecycle is
 * defined. A lifecycle condition met while evaluating the stages themselves (a cycle, which
 * loading prevents) is false.
 */
final class LifecycleEvaluation {

    private LifecycleEvaluation() {
    }

    /** The profile's stage, or empty when the condition leads back into the lifecycle. */
    static Optional<String> stageOf(EvaluationContext context) {
        if (context.visiting().contains(SegmentGraph.LIFECYCLE)) {
            return Optional.empty();
        }
        Optional<Lifecycle> lifecycle = context.segments().lifecycle();
        if (lifecycle.isEmpty()) {
            return Optional.of(Lifecycle.NONE);
        }
        EvaluationContext inner = context.entering(SegmentGraph.LIFECYCLE);
        for (Stage stage : lifecycle.get().stages()) {
            if (RuleEvaluator.matches(stage.rule(), inner)) {
                return Optional.of(stage.name());
            }
        }
        return Optional.of(Lifecycle.NONE);
    }

    static boolean test(LifecycleCondition c, EvaluationContext context) {
        return stageOf(context).map(c.stages()::contains).orElse(false);
    }

    /** The stages up to the first that matches, each with its rule's trace; later stages cannot change the result. */
    static Trace explain(LifecycleCondition c, EvaluationContext context) {
        String condition = RuleTextPrinter.condition(c);
        if (context.visiting().contains(SegmentGraph.LIFECYCLE)) {
            return Trace.leaf(condition, "refers back to itself through " + String.join(" -> ", context.visiting()), false);
        }
        Optional<Lifecycle> lifecycle = context.segments().lifecycle();
        if (lifecycle.isEmpty()) {
            return Trace.leaf(condition, "stage is none (no lifecycle is defined)", c.stages().contains(Lifecycle.NONE));
        }
        EvaluationContext inner = context.entering(SegmentGraph.LIFECYCLE);
        List<Trace> stages = new ArrayList<>();
        String stage = Lifecycle.NONE;
        for (Stage s : lifecycle.get().stages()) {
            Trace rule = RuleEvaluator.explain(s.rule(), inner);
            stages.add(new Trace("stage " + s.name(), "", rule.result(), List.of(rule)));
            if (rule.result()) {
                stage = s.name();
                break;
            }
        }
        String detail = "stage is " + stage + (stage.equals(Lifecycle.NONE) ? " (no stage matches)" : " (first matching stage)");
        return new Trace(condition, detail, c.stages().contains(stage), stages);
    }
}
