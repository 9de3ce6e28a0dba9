package org.tailor.runtime.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.consent.SubscriptionService;
import org.tailor.api.content.ContentRenderer;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TriggerService;
import org.tailor.api.delivery.TriggerSummary;
import org.tailor.api.delivery.TriggerTimer;
import org.tailor.api.ingest.IngestListener;
import org.tailor.api.model.Event;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.MembershipListener;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OutboxStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.TimerStore;

/**
 * Triggers from files: listens to ingest and segment membership to schedule and cancel durable
 * timers, polls the due ones, fires them through the outbox and relays it to the configured
 * transport. Timers live in the store, so a restart (or another node, once this one's leases end)
 * fires what was due.
 */
@Component(service = {TriggerService.class, IngestListener.class, MembershipListener.class},
        configurationPid = TriggerRuntime.PID, immediate = true)
@Designate(ocd = TriggerRuntimeConfig.class)
public class TriggerRuntime implements TriggerService, IngestListener, MembershipListener {

    static final String PID = "org.tailor.runtime.triggers";

    private static final Logger LOG = LoggerFactory.getLogger(TriggerRuntime.class);
    /** Claim rounds per poll, so that one poll drains a backlog but still ends. */
    private static final int MAX_ROUNDS = 100;
    private static final int LISTENER_QUEUE = 1_000;

    private final TriggerFiring.Services services;
    private final Clock clock;
    private final String node;
    private final Duration lease;
    private final Duration dateSweep;
    private final int batchSize;
    private final int relayBatchSize;
    private final String transportName;
    private final DefinitionDirectory<TriggerDefinition> definitions;
    private final TriggerScheduler scheduler;
    private final TriggerFiring firing;
    private final TransportSelector transports = new TransportSelector();
    /** One poll, fire-now or relay at a time on this node: two relays reading one pending entry would send it twice. */
    private final ReentrantLock working = new ReentrantLock();
    private final Executor listenerWork;
    private final ExecutorService ownListenerWork;
    private final ScheduledExecutorService background;
    private volatile MimeMessageBuilder builder;
    private volatile boolean catchUpNeeded;
    private volatile Instant nextSweep = Instant.MIN;
    private volatile Set<String> sweptDateTriggers = Set.of();
    private volatile String lastFailure = "";

    @Activate
    public TriggerRuntime(TriggerRuntimeConfig config,
                          @Reference TimerStore timers,
                          @Reference ProfileStore profiles,
                          @Reference EventStore events,
                          @Reference SegmentService segments,
                          @Reference ConsentService consent,
                          @Reference SubscriptionService subscriptions,
                          @Reference ContentRenderer renderer,
                          @Reference OutboxStore outbox) {
        this(config, new TriggerFiring.Services(profiles, events, segments, consent, subscriptions, renderer, outbox, timers),
                Clock.systemUTC(), null);
    }

    /**
     * @param listenerWork where listener calls do their store work; null for a thread of its own.
     *                     Background polling and scanning run only when the configuration asks for them.
     */
    TriggerRuntime(TriggerRuntimeConfig config, TriggerFiring.Services services, Clock clock, Executor listenerWork) {
        this.services = services;
        this.clock = clock;
        this.node = config.node_id().isBlank() ? defaultNodeId() : config.node_id().strip();
        this.lease = Duration.ofSeconds(Math.max(1, config.lease_seconds()));
        this.dateSweep = Duration.ofMinutes(Math.max(1, config.date_sweep_minutes()));
        this.batchSize = Math.max(1, config.batch_size());
        this.relayBatchSize = Math.max(1, config.relay_batch_size());
        this.transportName = config.transport().strip();
        Duration maxLate = Duration.ofHours(Math.max(1, config.max_late_hours()));
        this.definitions = new DefinitionDirectory<>(KarafPaths.underEtc(config.triggers_directory(), "tailor/triggers"),
                "trigger", TriggerFileParser::parse, TriggerDefinition::id);
        this.scheduler = new TriggerScheduler(() -> definitions.byId().values(), services.timers(), services.profiles(),
                clock, maxLate, dateSweep.plus(Duration.ofDays(1)));
        this.firing = new TriggerFiring(definitions::find, services, this::builder, clock, node,
                Duration.ofMinutes(Math.max(1, config.retry_minutes())), maxLate);
        this.catchUpNeeded = config.catch_up();
        definitions.scan();

        if (listenerWork == null) {
            ThreadPoolExecutor own = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<>(LISTENER_QUEUE), daemon("tailor-trigger-schedule"),
                    // A full queue slows ingest down rather than dropping what it said happened.
                    new ThreadPoolExecutor.CallerRunsPolicy());
            this.ownListenerWork = own;
            this.listenerWork = own;
        } else {
            this.ownListenerWork = null;
            this.listenerWork = listenerWork;
        }
        long scan = config.scan_interval_ms();
        long poll = config.poll_interval_seconds();
        if (scan > 0 || poll > 0) {
            background = Executors.newSingleThreadScheduledExecutor(daemon("tailor-triggers"));
            if (scan > 0) {
                background.scheduleWithFixedDelay(this::rescan, scan, scan, TimeUnit.MILLISECONDS);
            }
            if (poll > 0) {
                // The first poll soon after start: timers that fell due while the runtime was down go out now.
                background.scheduleWithFixedDelay(this::pollLogged, Math.min(poll, 5), poll, TimeUnit.SECONDS);
            }
        } else {
            background = null;
        }
        LOG.info("Triggers: node {}, {} loaded from {}", node, definitions.byId().size(), definitions.directory());
    }

    @Deactivate
    void deactivate() {
        stop(background);
        stop(ownListenerWork);
    }

    @Reference(service = Transport.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeTransport")
    void addTransport(Transport transport, Map<String, Object> properties) {
        transports.add(transport, properties);
    }

    void removeTransport(Transport transport) {
        transports.remove(transport);
    }

    // --- listeners: schedule and cancel, off the caller's thread ---

    @Override
    public void ingested(Set<String> profileIds, List<Event> events) {
        Set<String> types = scheduler.eventTypes();
        List<Event> relevant = events.stream().filter(e -> types.contains(e.type())).toList();
        Set<String> changed = scheduler.hasDateTriggers() ? Set.copyOf(profileIds) : Set.of();
        if (relevant.isEmpty() && changed.isEmpty()) {
            return;
        }
        submit("ingest", () -> {
            scheduler.eventsIngested(relevant);
            scheduler.profilesChanged(changed);
        });
    }

    @Override
    public void membershipChanged(List<MembershipChange> changes) {
        Set<String> watched = definitions.byId().values().stream()
                .filter(t -> t.condition() instanceof TriggerCondition.SegmentEntry)
                .map(t -> ((TriggerCondition.SegmentEntry) t.condition()).segmentId())
                .collect(Collectors.toSet());
        List<MembershipChange> relevant = changes.stream().filter(c -> watched.contains(c.segmentId())).toList();
        if (!relevant.isEmpty()) {
            submit("segment membership", () -> scheduler.membershipChanged(relevant));
        }
    }

    private void submit(String what, Runnable work) {
        try {
            listenerWork.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // What was lost is scheduled again by the next poll's catch-up and date sweep.
                    failed("scheduling timers from " + what + " failed (caught up at the next poll)", e);
                    catchUpNeeded = true;
                    nextSweep = Instant.MIN;
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Triggers are stopping; {} is left to the catch-up at the next start", what);
        }
    }

    // --- polling ---

    private void rescan() {
        try {
            definitions.scan();
        } catch (RuntimeException e) {
            // The scheduler would silently stop rescanning after an uncaught exception.
            LOG.error("Scanning trigger definitions in {} failed", definitions.directory(), e);
        }
    }

    private void pollLogged() {
        try {
            poll();
        } catch (RuntimeException e) {
            // The scheduler would silently stop polling after an uncaught exception.
            failed("polling timers failed; trying again at the next poll", e);
        }
    }

    /**
     * Catches up if needed, schedules anniversaries when the sweep is due, fires every due timer and
     * relays the triggers' outbox.
     *
     * @return how many timers ended in each outcome
     */
    Map<TriggerFiring.Outcome, Integer> poll() {
        working.lock();
        try {
            String failure = "";
            if (catchUpNeeded) {
                try {
                    long seen = scheduler.catchUp(services.events(), services.segments());
                    catchUpNeeded = false;
                    LOG.info("Triggers caught up over {} events and segment changes", seen);
                } catch (RuntimeException e) {
                    // Due timers still fire; the catch-up is tried again at the next poll.
                    failure = failed("catching up on events and segment changes failed; tried again at the next poll", e);
                }
            }
            sweepIfDue();
            Map<TriggerFiring.Outcome, Integer> outcomes = new EnumMap<>(TriggerFiring.Outcome.class);
            for (int round = 0; round < MAX_ROUNDS; round++) {
                List<TriggerTimer> claimed = services.timers().claimDue(node, clock.instant(), lease, batchSize);
                for (TriggerTimer timer : claimed) {
                    outcomes.merge(fireOne(timer, false), 1, Integer::sum);
                }
                if (claimed.size() < batchSize) {
                    break;
                }
            }
            relayAll();
            if (!outcomes.isEmpty()) {
                LOG.info("Trigger timers fired on node {}: {}", node, outcomes);
            }
            lastFailure = failure;
            return outcomes;
        } finally {
            working.unlock();
        }
    }

    private void sweepIfDue() {
        Set<String> dated = definitions.byId().values().stream()
                .filter(t -> t.condition() instanceof TriggerCondition.Anniversary)
                .map(t -> t.id() + "@" + t.version() + "/" + t.condition()).collect(Collectors.toSet());
        Instant now = clock.instant();
        // A new or changed date trigger is swept at once rather than at the next interval.
        if (!dated.isEmpty() && (!dated.equals(sweptDateTriggers) || !now.isBefore(nextSweep))) {
            int added = scheduler.sweepDates();
            LOG.info("Anniversary sweep scheduled {} new timers", added);
            nextSweep = now.plus(dateSweep);
        }
        sweptDateTriggers = dated;
    }

    private TriggerFiring.Outcome fireOne(TriggerTimer timer, boolean early) {
        try {
            return firing.fire(timer, early).outcome();
        } catch (RuntimeException e) {
            // A store failure mid-way: the lease runs out and the timer is fired again, once, later.
            LOG.warn("Firing the timer of trigger {} for profile {} failed; it is tried again when its lease ends: {}",
                    timer.triggerId(), timer.profileId(), e.toString());
            return TriggerFiring.Outcome.LOST;
        }
    }

    private void relayAll() {
        for (TriggerDefinition trigger : definitions.byId().values()) {
            relay(trigger);
        }
    }

    private void relay(TriggerDefinition trigger) {
        if (services.outbox().counts(trigger.outboxCampaign()).getOrDefault(OutboxStatus.PENDING, 0L) == 0) {
            return;
        }
        Optional<Transport> transport = transports.select(transportName);
        if (transport.isEmpty()) {
            return; // reported by problems(); the entries wait in the outbox
        }
        ProblemLines problems = new ProblemLines();
        OutboxRelay.Result result = new OutboxRelay(services.outbox(), transport.get(), relayBatchSize,
                new OutboxRelay.Lease(node, lease, clock)).relay(trigger.outboxCampaign(), problems);
        problems.toList().forEach(p -> LOG.warn("Trigger {}: {}", trigger.id(), p));
        if (result.delivered() + result.failed() > 0) {
            LOG.info("Trigger {}: {} delivered, {} refused by the transport", trigger.id(), result.delivered(), result.failed());
        }
    }

    // --- TriggerService ---

    @Override
    public List<TriggerSummary> triggers() {
        Map<String, Map<TimerStatus, Long>> counts = services.timers().counts();
        return definitions.byId().values().stream().sorted(Comparator.comparing(TriggerDefinition::id))
                .map(t -> new TriggerSummary(t.id(), t.name(), t.condition().kind(), t.condition().describe(),
                        t.templateId(), t.purpose(), t.version(), counts.getOrDefault(t.id(), Map.of())))
                .toList();
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(definitions.problems());
        Collection<TriggerDefinition> loaded = definitions.byId().values();
        if (!loaded.isEmpty()) {
            try {
                builder();
            } catch (IllegalStateException e) {
                problems.add("cannot build mail: " + e.getMessage());
            }
            if (transports.select(transportName).isEmpty()) {
                problems.add("no transport named '" + transportName + "' is registered (registered: " + transports.names()
                        + "); fired messages wait in the outbox");
            }
        }
        List<String> templates = services.renderer().templates();
        for (TriggerDefinition t : loaded.stream().sorted(Comparator.comparing(TriggerDefinition::id)).toList()) {
            if (!templates.contains(t.templateId())) {
                problems.add("trigger " + t.id() + ": template " + t.templateId() + " is not loaded; its due timers wait");
            }
            if (t.condition() instanceof TriggerCondition.SegmentEntry entry
                    && services.segments().segment(entry.segmentId()).isEmpty()) {
                problems.add("trigger " + t.id() + ": segment " + entry.segmentId() + " is not loaded");
            }
        }
        services.timers().counts().forEach((id, byStatus) -> {
            long pending = byStatus.getOrDefault(TimerStatus.PENDING, 0L);
            if (pending > 0 && definitions.find(id).isEmpty()) {
                problems.add(pending + " pending timers of trigger " + id + ", which is not loaded, wait for it");
            }
        });
        if (!lastFailure.isEmpty()) {
            problems.add(lastFailure);
        }
        return List.copyOf(problems);
    }

    @Override
    public List<TriggerTimer> timers(String triggerId, String profileId) {
        return services.timers().timersOf(triggerId, profileId);
    }

    @Override
    public List<TriggerTimer> fireNow(String triggerId, String profileId) {
        TriggerDefinition trigger = definitions.find(triggerId).orElseThrow(() -> new IllegalArgumentException(
                "unknown trigger '" + triggerId + "'; loaded triggers: " + definitions.byId().keySet().stream().sorted().toList()));
        working.lock();
        try {
            List<String> fired = new ArrayList<>();
            for (TriggerTimer timer : services.timers().timersOf(triggerId, profileId)) {
                if (timer.status() == TimerStatus.PENDING) {
                    Optional<TriggerTimer> claimed = services.timers().claim(timer.key(), node, clock.instant(), lease);
                    if (claimed.isPresent()) {
                        fireOne(claimed.get(), true);
                        fired.add(timer.key());
                    }
                }
            }
            relay(trigger);
            return fired.stream().map(key -> services.timers().find(key)).flatMap(Optional::stream).toList();
        } finally {
            working.unlock();
        }
    }

    /** The node id this runtime claims timers under. */
    String node() {
        return node;
    }

    private MimeMessageBuilder builder() {
        MimeMessageBuilder current = builder;
        if (current == null) {
            current = MimeMessageBuilder.create(); // throws IllegalStateException saying what is missing
            builder = current;
        }
        return current;
    }

    /** Records the failure for {@link #problems()} and logs it; returns the recorded line. */
    private String failed(String what, RuntimeException e) {
        lastFailure = clock.instant() + ": " + what + ": " + e;
        LOG.warn("Triggers: {}", what, e);
        return lastFailure;
    }

    private static String defaultNodeId() {
        // "pid@host" on HotSpot; the random part tells two activations in one JVM apart.
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        return runtime + "-" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void stop(ExecutorService executor) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            // Let a timer being fired finish; one interrupted mid-way is fired again when its lease ends.
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
