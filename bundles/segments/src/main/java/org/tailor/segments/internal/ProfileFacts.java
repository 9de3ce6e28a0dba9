package org.tailor.segments.internal;

import java.util.List;
import java.util.Map;
import org.tailor.api.model.ConsentRecord;

/**
 * What a rule can read of a profile besides its attributes and events: its scores and its consent
 * history. The live membership asks for them only for rules it leaves to {@link RuleEvaluator}.
 */
interface ProfileFacts {

    /** No scores and no consent records for anyone. */
    ProfileFacts NONE = new ProfileFacts() {
        @Override
        public Map<String, Object> scores(String profileId) {
            return Map.of();
        }

        @Override
        public List<ConsentRecord> consents(String profileId) {
            return List.of();
        }
    };

    /** As {@code ScoreStore.scoresOf} gives them. */
    Map<String, Object> scores(String profileId);

    /** As {@code ConsentService.history} gives it. */
    List<ConsentRecord> consents(String profileId);
}
