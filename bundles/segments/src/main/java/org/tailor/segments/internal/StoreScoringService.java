package org.tailor.segments.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.segment.ScoringService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.ScoreStore;

/**
 * Recomputes every score over the whole store ({@link ScoringJob}) on a schedule and on demand,
 * one recompute at a time. What the last recompute found (the clusters) is kept only in memory,
 * for {@link #scores()}; the values themselves are in the score store.
 */
@Component(service = ScoringService.class, configurationPid = "org.tailor.segments.scoring", immediate = true)
@Designate(ocd = StoreScoringServiceConfig.class)
public class StoreScoringService implements ScoringService {

    private static final Logger LOG = LoggerFactory.getLogger(StoreScoringService.class);

    private final Clock clock;
    private final ScoringSettings settings;
    private final ScorePlanDirectory plans;
    private final ScoringJob job;
    private final ReentrantLock running = new ReentrantLock();
    /** Null when recomputes run only on demand. */
    private final ScheduledExecutorService scheduler;
    private volatile ScoringJob.Outcome last;

    @Activate
    public StoreScoringService(StoreScoringServiceConfig config, @Reference ProfileStore profiles, @Reference EventStore events,
                               @Reference ScoreStore scores) {
        this(config, profiles, events, scores, Clock.systemUTC());
    }

    /**
     * For tests: scores at the clock's time.
     *
     * @throws IllegalArgumentException for a setting out of range, naming it
     */
    StoreScoringService(StoreScoringServiceConfig config, ProfileStore profiles, EventStore events, ScoreStore scores, Clock clock) {
        this.clock = clock;
        this.settings = settings(config);
        this.plans = new ScorePlanDirectory(KarafPaths.underEtc(config.plans_directory(), "tailor/scores"));
        this.job = new ScoringJob(profiles, events, scores, settings, plans);
        long interval = config.interval_minutes();
        if (interval < 0 || config.start_delay_seconds() < 0) {
            throw new IllegalArgumentException("the scoring interval and start delay must not be negative");
        }
        if (interval > 0) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "tailor-scoring");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::recomputeLogged, config.start_delay_seconds(),
                    TimeUnit.MINUTES.toSeconds(interval), TimeUnit.SECONDS);
        } else {
            scheduler = null;
        }
    }

    static ScoringSettings settings(StoreScoringServiceConfig config) {
        return new ScoringSettings(config.horizon_days(),
                new EngagementModel(EngagementModel.parseWeights(config.engagement_weights()), config.engagement_half_life_days(),
                        config.engagement_midpoint()),
                new EventKinds(config.order_types(), config.click_types(), config.open_types(), config.view_types()),
                new ClusterSettings(config.clusters(), config.cluster_seed(), config.cluster_sample(),
                        config.cluster_max_iterations(), config.cluster_trials(), config.dormant_days()));
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void recomputeLogged() {
        try {
            recompute();
        } catch (RuntimeException e) {
            // An exception escaping would silently end the schedule, and with it every later recompute.
            LOG.error("Recomputing scores failed; the stored scores are those of the last recompute that stored them", e);
        }
    }

    @Override
    public List<ScoreReport> recompute() {
        running.lock();
        try {
            ScoringJob.Outcome outcome = job.run(clock.instant());
            last = outcome;
            outcome.planProblems().forEach(p -> LOG.warn("Scoring plan not loaded: {}", p));
            return outcome.reports();
        } finally {
            running.unlock();
        }
    }

    @Override
    public List<ScoreDescription> scores() {
        EngagementModel engagement = settings.engagement();
        String weights = engagement.weights().entrySet().stream().map(w -> w.getKey() + "=" + plain(w.getValue()))
                .collect(Collectors.joining(", "));
        List<ScoreDescription> scores = new ArrayList<>(List.of(
                new ScoreDescription(ScoreNames.RFM_RECENCY, "1-5, buyers only: quintile of last_order_at among buyers, 5 = most recent"),
                new ScoreDescription(ScoreNames.RFM_FREQUENCY, "1-5, buyers only: quintile of order_count among buyers, 5 = most orders"),
                new ScoreDescription(ScoreNames.RFM_MONETARY,
                        "1-5, buyers only: quintile of lifetime_value among buyers, 5 = highest value"),
                new ScoreDescription(ScoreNames.RFM, "buyers only: the recency, frequency and monetary scores as one number, like 545"),
                new ScoreDescription(ScoreNames.ENGAGEMENT, String.format(Locale.ROOT,
                        "0-100: 100*E/(E+%s), E = sum of weight * 0.5^(age/%s days) over events; weights %s",
                        plain(engagement.midpoint()), plain(engagement.halfLifeDays()), weights)),
                new ScoreDescription(ScoreNames.CLUSTER, clusterDescription())));
        for (ScorePlan plan : plans.load().plans()) {
            scores.add(new ScoreDescription(plan.scoreName(), "0-100, plan " + plan.name()
                    + (plan.description().isBlank() ? "" : ": " + plan.description()) + " (" + plan.inputs().size() + " inputs)"));
        }
        return scores;
    }

    private String clusterDescription() {
        ScoringJob.Outcome outcome = last;
        if (outcome == null) {
            return "behavioural cluster name; not computed since start";
        }
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < outcome.clusterNames().size(); i++) {
            clusters.add(outcome.clusterNames().get(i) + " (" + outcome.clusterSummaries().get(i).describe() + ")");
        }
        return "behavioural cluster name; at " + outcome.at() + ": " + String.join("; ", clusters);
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Override
    public List<String> problems() {
        return plans.load().problems();
    }
}
