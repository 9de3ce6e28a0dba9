package org.tailor.api.segment;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Derived scores and clusters: RFM, engagement, scoring plans and behavioural clusters, computed
 * over the whole store and kept in the {@link org.tailor.api.store.ScoreStore}, where segment rules
 * and templates read them.
 *
 * <p>Thread safe. A recompute runs on a schedule and on demand; two never run at once.
 */
@ProviderType
public interface ScoringService {

    /**
     * Recomputes every score from the store now and replaces the stored values; blocks until done.
     * A call while another recompute runs waits for it and then runs its own.
     *
     * @return one report per score written, in the order they were written
     */
    List<ScoreReport> recompute();

    /** Every score this service writes, with what it means; plans as loaded now. Never null. */
    List<ScoreDescription> scores();

    /**
     * Scoring plan files that failed to load, one line each naming the file, position and reason;
     * never null. A plan with a problem is not computed and its stored values are left as they are.
     */
    List<String> problems();

    /**
     * What one recompute did for one score.
     *
     * @param name the score's name in the score store, for example {@code rfm} or {@code plan.vip}
     * @param profiles how many profiles got a value
     * @param duration how long computing and storing it took, after the shared pass over the store
     */
    record ScoreReport(String name, long profiles, Duration duration) {
        public ScoreReport {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * One score and what it means.
     *
     * @param name the score's name in the score store
     * @param description one line: what the value is and its range
     */
    record ScoreDescription(String name, String description) {
        public ScoreDescription {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }
}
