package org.tailor.segments.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.ConditionCompiler;
import org.tailor.api.segment.ExplainStep;
import org.tailor.api.segment.ProfileCondition;

/**
 * The segment bundle's own parser and evaluator as the content provider's variant rules use them,
 * for rules that read only the profile (the benchmark email's rules): no store, so no events are
 * fetched, which a rule that reads none would not fetch either.
 */
public final class BenchmarkConditions implements ConditionCompiler {

    private static final SegmentRegistry.View NO_SEGMENTS = new SegmentRegistry.View(Map.of(), Optional.empty());

    private final Clock clock = Clock.systemUTC();

    @Override
    public ProfileCondition compile(String source, String text) {
        Rule rule;
        try {
            rule = RuleTextParser.parseRule(source, text);
        } catch (SegmentFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new ProfileCondition() {
            @Override
            public String rule() {
                return text;
            }

            @Override
            public boolean test(Profile profile) {
                return RuleEvaluator.matches(rule, EvaluationContext.of(profile, List.of(), clock.instant(), NO_SEGMENTS));
            }

            @Override
            public ExplainStep explain(Profile profile) {
                Trace trace = RuleEvaluator.explain(rule, EvaluationContext.of(profile, List.of(), clock.instant(), NO_SEGMENTS));
                return new ExplainStep(trace.condition(), trace.detail(), trace.result(), List.of());
            }
        };
    }
}
