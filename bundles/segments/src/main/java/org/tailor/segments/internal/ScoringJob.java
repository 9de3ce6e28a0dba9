package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.segment.ScoringService.ScoreReport;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.ScoreStore;
import org.tailor.segments.internal.ScorePlan.AttributeInput;
import org.tailor.segments.internal.ScorePlan.EventsInput;
import org.tailor.segments.internal.ScorePlan.Input;
import org.tailor.segments.internal.ScorePlan.ScoreInput;

/**
 * One recompute: reads the store in one {@link StorePass}, then computes and stores each score in
 * turn with {@link ScoreStore#replace}: RFM, engagement, clusters, then every plan that loaded.
 * Each score is replaced whole, so a profile that lost a value (a buyer merged away, a plan input
 * gone) loses it in the store too. Not thread safe: the caller runs one at a time.
 */
final class ScoringJob {

    private static final Logger LOG = LoggerFactory.getLogger(ScoringJob.class);

    /** What a recompute did: a report per score, and what the clusters and plans were. */
    record Outcome(Instant at, List<ScoreReport> reports, List<String> clusterNames, List<ClusterSummary> clusterSummaries,
                   List<String> planProblems) {
        Outcome {
            reports = List.copyOf(reports);
            clusterNames = List.copyOf(clusterNames);
            clusterSummaries = List.copyOf(clusterSummaries);
            planProblems = List.copyOf(planProblems);
        }
    }

    private final ProfileStore profiles;
    private final EventStore events;
    private final ScoreStore scores;
    private final ScoringSettings settings;
    private final ScorePlanDirectory plans;

    ScoringJob(ProfileStore profiles, EventStore events, ScoreStore scores, ScoringSettings settings, ScorePlanDirectory plans) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.events = Objects.requireNonNull(events, "events");
        this.scores = Objects.requireNonNull(scores, "scores");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plans = Objects.requireNonNull(plans, "plans");
    }

    Outcome run(Instant now) {
        long started = System.nanoTime();
        ScorePlanDirectory.Loaded loaded = plans.load();
        Set<String> attributes = new LinkedHashSet<>();
        Set<EventColumns.Window> windows = new LinkedHashSet<>();
        int horizon = settings.horizonDays();
        for (ScorePlan plan : loaded.plans()) {
            for (Input input : plan.inputs()) {
                if (input instanceof AttributeInput a) {
                    attributes.add(a.attribute());
                } else if (input instanceof EventsInput e) {
                    windows.add(e.window());
                    horizon = Math.max(horizon, e.days());
                }
            }
        }
        StorePass.Result pass = StorePass.read(profiles, events, now, horizon, settings.engagement(), settings.kinds(),
                attributes, windows);
        Duration passTime = Duration.ofNanos(System.nanoTime() - started);
        Writer writer = new Writer(pass);

        RfmScores rfm = RfmScores.of(pass.profiles());
        writer.write(ScoreNames.RFM_RECENCY, row -> rfm.has(row) ? BigDecimal.valueOf(rfm.recency(row)) : null);
        writer.write(ScoreNames.RFM_FREQUENCY, row -> rfm.has(row) ? BigDecimal.valueOf(rfm.frequency(row)) : null);
        writer.write(ScoreNames.RFM_MONETARY, row -> rfm.has(row) ? BigDecimal.valueOf(rfm.monetary(row)) : null);
        writer.write(ScoreNames.RFM, row -> rfm.has(row) ? BigDecimal.valueOf(rfm.combined(row)) : null);
        writer.write(ScoreNames.ENGAGEMENT, row -> settings.engagement().score(pass.events().engagementSum(row)));
        BehaviourClusters.Result clusters = BehaviourClusters.compute(pass, settings.clusters());
        writer.write(ScoreNames.CLUSTER, clusters::nameOf);

        int rows = pass.profiles().size();
        for (ScorePlan plan : loaded.plans()) {
            double[] values = PlanEvaluator.scores(plan, rows, input -> valuesOf(input, pass, rfm));
            writer.write(plan.scoreName(), row -> BigDecimal.valueOf(values[row]).setScale(1, RoundingMode.HALF_UP));
        }
        LOG.info("Scored {} profiles and {} events in {} ms (store pass {} ms){}: {}", rows, pass.eventsRead(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(), passTime.toMillis(),
                pass.unknownEvents() == 0 ? "" : ", skipping " + pass.unknownEvents() + " events of profiles not in the pass",
                writer.reports);
        return new Outcome(now, writer.reports, clusters.names(), clusters.summaries(), loaded.problems());
    }

    /** An input's raw values by row, NaN where the profile has none. */
    private double[] valuesOf(Input input, StorePass.Result pass, RfmScores rfm) {
        int rows = pass.profiles().size();
        if (input instanceof AttributeInput a) {
            return Arrays.copyOf(pass.profiles().attribute(a.attribute()), rows);
        }
        if (input instanceof EventsInput e) {
            int[] counts = pass.events().window(e.window());
            return byRow(rows, row -> counts[row]);
        }
        String score = ((ScoreInput) input).score();
        return switch (score) {
            case ScoreNames.RFM_RECENCY -> byRow(rows, row -> rfm.has(row) ? rfm.recency(row) : Double.NaN);
            case ScoreNames.RFM_FREQUENCY -> byRow(rows, row -> rfm.has(row) ? rfm.frequency(row) : Double.NaN);
            case ScoreNames.RFM_MONETARY -> byRow(rows, row -> rfm.has(row) ? rfm.monetary(row) : Double.NaN);
            case ScoreNames.RFM -> byRow(rows, row -> rfm.has(row) ? rfm.combined(row) : Double.NaN);
            case ScoreNames.ENGAGEMENT -> byRow(rows, row -> settings.engagement().score(pass.events().engagementSum(row)).doubleValue());
            default -> throw new IllegalArgumentException("not a numeric built-in score: " + score);
        };
    }

    private static double[] byRow(int rows, IntToDoubleFunction value) {
        double[] values = new double[rows];
        for (int row = 0; row < rows; row++) {
            values[row] = value.applyAsDouble(row);
        }
        return values;
    }

    /**
     * Stores one score after another, timing each from the previous one stored (the first from the
     * end of the pass), so that a score's time includes computing it.
     */
    private final class Writer {
        private final StorePass.Result pass;
        private final List<ScoreReport> reports = new ArrayList<>();
        private long since = System.nanoTime();

        Writer(StorePass.Result pass) {
            this.pass = pass;
        }

        /** @param valueOfRow the value of a profile row, null for none */
        void write(String name, IntFunction<Object> valueOfRow) {
            ScoreColumn column = new ScoreColumn(pass.index(), valueOfRow);
            scores.replace(name, column, pass.now());
            long now = System.nanoTime();
            reports.add(new ScoreReport(name, column.size(), Duration.ofNanos(now - since)));
            since = now;
        }
    }
}
