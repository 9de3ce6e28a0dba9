package org.tailor.segments.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.ingest.IngestListener;
import org.tailor.api.segment.ExplainStep;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.MembershipListener;
import org.tailor.api.segment.MembershipUpdate;
import org.tailor.api.segment.ConditionCompiler;
import org.tailor.api.segment.ProfileCondition;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.MembershipStore;
import org.tailor.api.store.ProfileStore;
import org.tailor.api.store.ScoreStore;

/**
 * Segments from rule files ({@code <id>.json} or {@code <id>.seg}) in a directory, evaluated in
 * memory against the profile and event stores, and static snapshots of them. Files are loaded at
 * activation and again whenever their modification time changes. The stored membership of every
 * dynamic segment is recomputed when its definition changes and on a schedule, and the changes
 * are published to {@link MembershipListener}s. {@link #explain} traces an evaluation for people.
 */
@Component(service = {SegmentService.class, IngestListener.class, ConditionCompiler.class},
        configurationPid = "org.tailor.segments", immediate = true)
@Designate(ocd = RuleSegmentServiceConfig.class)
public class RuleSegmentService implements SegmentService, IngestListener, ConditionCompiler {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSegmentService.class);

    private final ProfileStore profiles;
    private final EventStore events;
    private final ScoreStore scores;
    private final ConsentService consents;
    private final Clock clock;
    private final SegmentRegistry registry;
    private final SegmentFiles files;
    private final StaticSnapshots snapshots;
    private final Memberships memberships;
    /** Reloads, recomputes and snapshots run here, one at a time, so stored membership has one writer. */
    private final ScheduledExecutorService worker;
    /** The rules whose membership is stored, by segment id: what the last recompute evaluated. */
    private final Map<String, Segment> computed = new TreeMap<>();
    private final RuleSegmentServiceConfig config;
    /** Membership kept current in memory; null while loading and when switched off. Written on the worker only. */
    private volatile LiveMembership live;
    private Optional<Lifecycle> liveLifecycle = Optional.empty();
    /**
     * Until when a notification may describe data that loading the live membership read already: such
     * a notification re-reads its profiles instead of adding its events, which would count them twice.
     */
    private volatile Instant overlapUntil = Instant.MAX;
    private volatile Thread workerThread;
    /** Counts and audiences in the database, when the store is PostgreSQL and live membership is off. */
    private volatile SqlMembership sql;

    @Activate
    public RuleSegmentService(RuleSegmentServiceConfig config, @Reference ProfileStore profiles, @Reference EventStore events,
                              @Reference ScoreStore scores, @Reference ConsentService consents,
                              @Reference MembershipStore membership) {
        this(config, profiles, events, scores, consents, membership, Clock.systemUTC());
    }

    /** For tests: evaluates at the clock's time. */
    RuleSegmentService(RuleSegmentServiceConfig config, ProfileStore profiles, EventStore events, ScoreStore scores,
                       ConsentService consents, MembershipStore membership, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.scores = scores;
        this.consents = consents;
        this.clock = clock;
        this.registry = new SegmentRegistry(KarafPaths.underEtc(config.directory(), "tailor/segments"));
        this.files = new SegmentFiles(registry);
        this.snapshots = new StaticSnapshots(registry.directory());
        this.memberships = new Memberships(membership);
        this.config = config;
        registry.rescan();
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tailor-segments");
            thread.setDaemon(true);
            workerThread = thread;
            return thread;
        });
    }

    /**
     * Starts the schedule once DS has bound the membership listeners, so that they hear about the
     * changes the first load finds.
     */
    @Activate
    void start() {
        long interval = config.reload_ms();
        if (interval > 0) {
            worker.scheduleWithFixedDelay(() -> logged("Reloading segments from " + registry.directory(), this::refresh),
                    interval, interval, TimeUnit.MILLISECONDS);
        }
        if (config.live_enabled()) {
            worker.execute(() -> logged("Loading live segment membership", this::startLive));
            long sweep = config.sweep_seconds();
            if (sweep > 0) {
                worker.scheduleWithFixedDelay(() -> logged("Sweeping live segment membership", this::sweep),
                        sweep, sweep, TimeUnit.SECONDS);
            }
        }
        long recompute = config.recompute_minutes();
        if (recompute > 0) {
            // The first run stores the membership of every segment; later runs move time windows on.
            worker.scheduleWithFixedDelay(() -> logged("Recomputing segments", this::recomputeAll),
                    0, recompute, TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        LiveMembership current = live;
        if (current != null) {
            current.close();
        }
    }

    /**
     * Loads the live membership from the store and makes the stored membership agree with it,
     * publishing whoever entered or left while Tailor was not looking.
     */
    private void startLive() {
        SegmentRegistry.View view = registry.view();
        LiveMembership previous = live;
        live = null;
        if (previous != null) {
            previous.close();
        }
        overlapUntil = Instant.MAX;
        LiveMembership fresh = new LiveMembership(profiles, events, facts(), Math.max(1, config.evaluation_threads()),
                rule -> false);
        fresh.useLifecycle(view.lifecycle());
        Instant now = clock.instant();
        fresh.load(view.segments().values().stream().map(LoadedSegment::segment).toList(), now);
        synchronized (computed) {
            for (LoadedSegment loaded : view.segments().values()) {
                memberships.replace(loaded.id(), visitor -> fresh.forEachMember(loaded.id(), visitor), now);
                computed.put(loaded.id(), loaded.segment());
            }
        }
        liveLifecycle = view.lifecycle();
        live = fresh;
        // Notifications of data committed while loading may still be on their way.
        overlapUntil = clock.instant().plusSeconds(10);
        LOG.info("Live segment membership loaded: {} segments", view.segments().size());
    }

    private ProfileFacts facts() {
        return new ProfileFacts() {
            @Override
            public Map<String, Object> scores(String profileId) {
                return scores.scoresOf(profileId);
            }

            @Override
            public List<ConsentRecord> consents(String profileId) {
                return consents.history(profileId);
            }
        };
    }

    /**
     * Queues what ingest changed for the worker and returns at once; membership follows in
     * milliseconds. Before the live membership is loaded, loading will read it from the store.
     */
    @Override
    public void ingested(Set<String> profileIds, List<Event> newEvents) {
        if (!config.live_enabled()) {
            return;
        }
        boolean overlapping = clock.instant().isBefore(overlapUntil);
        worker.execute(() -> logged("Updating segment membership after ingest", () -> {
            LiveMembership current = live;
            if (current == null) {
                return;
            }
            Instant now = clock.instant();
            if (overlapping) {
                Set<String> touched = new HashSet<>(profileIds);
                newEvents.forEach(e -> touched.add(e.profileId()));
                memberships.apply(current.resync(touched, now));
            } else {
                memberships.apply(current.onIngest(profileIds, newEvents, now));
            }
        }));
    }

    private void sweep() {
        LiveMembership current = live;
        if (current != null) {
            memberships.apply(current.sweep(clock.instant()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMembershipListener(MembershipListener listener) {
        memberships.add(listener);
    }

    void removeMembershipListener(MembershipListener listener) {
        memberships.remove(listener);
    }

    /** The store's query connections; used only on PostgreSQL, the database the compiled SQL is written for. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, target = "(tailor.store=query)")
    void bindQueryDataSource(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                sql = new SqlMembership(dataSource, new SegmentLookup() {
                    @Override
                    public Optional<Rule> rule(String segmentId) {
                        return registry.view().rule(segmentId);
                    }

                    @Override
                    public Optional<Lifecycle> lifecycle() {
                        return registry.view().lifecycle();
                    }
                });
            }
        } catch (SQLException e) {
            LOG.warn("Cannot tell which database the store is; segments are evaluated in memory: {}", e.toString());
        }
    }

    void unbindQueryDataSource(DataSource dataSource) {
        sql = null;
    }

    /** Reads changed files now rather than at the next poll, and recomputes the segments that changed. */
    void reload() {
        onWorker(() -> {
            refresh();
            return null;
        });
    }

    /** Rescans the files; a segment whose rule changed or that is new gets its membership recomputed. */
    private void refresh() {
        registry.rescan();
        SegmentRegistry.View view = registry.view();
        LiveMembership current = live;
        if (current != null && !view.lifecycle().equals(liveLifecycle)) {
            // Lifecycle edits are rare and can reach any segment and further back in time: start afresh.
            startLive();
            return;
        }
        synchronized (computed) {
            for (String gone : List.copyOf(computed.keySet())) {
                if (view.segment(gone).isEmpty()) {
                    computed.remove(gone);
                    if (current != null) {
                        memberships.apply(current.remove(gone, clock.instant()));
                    }
                    if (snapshots.find(gone).isEmpty()) {
                        memberships.clear(gone, clock.instant());
                    }
                }
            }
            for (LoadedSegment loaded : view.segments().values()) {
                if (!loaded.segment().equals(computed.get(loaded.id()))) {
                    recompute(view, loaded);
                }
            }
        }
    }

    private void recomputeAll() {
        registry.rescan();
        SegmentRegistry.View view = registry.view();
        for (LoadedSegment loaded : view.segments().values()) {
            recompute(view, loaded);
        }
    }

    private MembershipUpdate recompute(SegmentRegistry.View view, LoadedSegment loaded) {
        Instant now = clock.instant();
        LiveMembership current = live;
        MembershipUpdate update = current == null
                ? memberships.replace(loaded.id(), visitor -> memberIds(view, loaded, now, visitor), now)
                : recomputeLive(current, loaded, now);
        synchronized (computed) {
            computed.put(loaded.id(), loaded.segment());
        }
        if (update.entered() > 0 || update.left() > 0) {
            LOG.info("Segment '{}': {} members, {} entered, {} left ({} ms)", update.segmentId(), update.members(),
                    update.entered(), update.left(), update.took().toMillis());
        }
        return update;
    }

    /**
     * Defines the segment in the live membership (or redefines it: that evaluates it and the
     * segments that refer to it over every profile), then makes the stored membership agree.
     */
    private MembershipUpdate recomputeLive(LiveMembership current, LoadedSegment loaded, Instant now) {
        long started = System.nanoTime();
        List<MembershipChange> decided = current.define(loaded.segment(), now);
        memberships.apply(decided);
        MembershipUpdate stored = memberships.replace(loaded.id(), visitor -> current.forEachMember(loaded.id(), visitor), now);
        long entered = decided.stream().filter(c -> c.segmentId().equals(loaded.id()) && c.entered()).count();
        long left = decided.stream().filter(c -> c.segmentId().equals(loaded.id()) && !c.entered()).count();
        return new MembershipUpdate(loaded.id(), stored.members(), entered + stored.entered(), left + stored.left(),
                java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    private void logged(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            // An exception escaping would silently end the schedule, and with it every later run.
            LOG.error("{} failed", what, e);
        }
    }

    /** Runs the work on the worker thread and waits for it, so that stored membership has one writer. */
    private <T> T onWorker(java.util.concurrent.Callable<T> work) {
        try {
            if (Thread.currentThread() == workerThread) {
                // Already there (a snapshot streams members): waiting for a queued task would wait for ourselves.
                return work.call();
            }
            return worker.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the segment worker", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Path directory() {
        return registry.directory();
    }

    @Override
    public List<SegmentDefinition> segments() {
        Map<String, SegmentDefinition> all = new TreeMap<>();
        snapshots.all().values().forEach(s -> all.put(s.id(), s.definition(snapshots.file(s.id()))));
        registry.segments().forEach(loaded -> all.put(loaded.id(), loaded.definition()));
        return List.copyOf(all.values());
    }

    @Override
    public Optional<SegmentDefinition> segment(String id) {
        return registry.segment(id).map(LoadedSegment::definition)
                .or(() -> snapshots.find(id).map(s -> s.definition(snapshots.file(id))));
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>(registry.problems());
        problems.addAll(snapshots.problems());
        return problems;
    }

    @Override
    public boolean isMember(String segmentId, Profile profile) {
        Objects.requireNonNull(profile, "profile");
        Optional<StaticSnapshots.Snapshot> snapshot = staticSegment(segmentId);
        if (snapshot.isPresent()) {
            return memberships.store().segmentsOf(profile.id()).contains(segmentId);
        }
        SegmentRegistry.View view = registry.view();
        LoadedSegment segment = loaded(view, segmentId);
        return RuleEvaluator.matches(segment.segment().rule(), context(view, segment, profile, clock.instant()));
    }

    /**
     * Why the profile is or is not in the segment now: every condition of its rule with what it
     * read and decided. The root's result is what {@link #isMember} answers at the same instant.
     *
     * @throws IllegalArgumentException for an unknown segment id
     */
    @Override
    public ExplainStep explain(String segmentId, Profile profile) {
        Optional<StaticSnapshots.Snapshot> snapshot = staticSegment(segmentId);
        if (snapshot.isPresent()) {
            boolean member = isMember(segmentId, profile);
            return new ExplainStep("static segment " + segmentId, (member ? "was" : "was not") + " a member of segment "
                    + snapshot.get().of() + " at " + snapshot.get().at(), member, List.of());
        }
        return step(trace(segmentId, profile));
    }

    @Override
    public ProfileCondition compile(String source, String ruleText) {
        Rule rule;
        try {
            rule = RuleTextParser.parseRule(source, ruleText);
        } catch (SegmentFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SegmentRegistry.View view = registry.view();
        Set<String> unknown = new java.util.TreeSet<>(SegmentGraph.references(rule));
        unknown.removeAll(view.segments().keySet());
        unknown.remove(SegmentGraph.LIFECYCLE);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(source + ":1:1: refers to segments that are not loaded: " + unknown
                    + "; loaded segments: " + List.copyOf(view.segments().keySet()));
        }
        return new CompiledProfileCondition(ruleText, rule);
    }

    /** A rule outside any segment file, evaluated against the segments as they are when it is tested. */
    private final class CompiledProfileCondition implements ProfileCondition {
        private final String text;
        private final Rule rule;

        CompiledProfileCondition(String text, Rule rule) {
            this.text = text;
            this.rule = rule;
        }

        @Override
        public String rule() {
            return text;
        }

        @Override
        public boolean test(Profile profile) {
            SegmentRegistry.View view = registry.view();
            return RuleEvaluator.matches(rule, context(view, Reads.of(rule, view), profile, clock.instant()));
        }

        @Override
        public ExplainStep explain(Profile profile) {
            SegmentRegistry.View view = registry.view();
            return step(RuleEvaluator.explain(rule, context(view, Reads.of(rule, view), profile, clock.instant())));
        }
    }

    private static ExplainStep step(Trace trace) {
        return new ExplainStep(trace.condition(), trace.detail(), trace.result(),
                trace.children().stream().map(RuleSegmentService::step).toList());
    }

    /** The evaluator's own trace of the segment for the profile. */
    public Trace trace(String segmentId, Profile profile) {
        Objects.requireNonNull(profile, "profile");
        SegmentRegistry.View view = registry.view();
        LoadedSegment segment = loaded(view, segmentId);
        return RuleEvaluator.explain(segment.segment().rule(), context(view, segment, profile, clock.instant()));
    }

    @Override
    public long forEachMember(String segmentId, Consumer<Profile> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        if (staticSegment(segmentId).isPresent()) {
            return forEachStaticMember(segmentId, visitor);
        }
        // One rule version and one instant for the whole pass, so that a reload or the clock
        // moving on mid-stream cannot make the members a mix of two definitions.
        SegmentRegistry.View view = registry.view();
        LoadedSegment segment = loaded(view, segmentId);
        Optional<LiveMembership> current = onWorker(() -> liveFor(segment));
        if (current.isPresent()) {
            return forEachProfile(id -> current.get().isMember(segmentId, id), visitor);
        }
        SqlMembership database = sql;
        Set<String> ids = new HashSet<>();
        if (database != null && database.forEachMember(segment.segment().rule(), clock.instant(), ids::add)) {
            return forEachProfile(ids::contains, visitor);
        }
        return evaluate(view, segment, clock.instant(), visitor);
    }

    /** One pass over the profiles, giving those whose id is a member. */
    private long forEachProfile(java.util.function.Predicate<String> member, Consumer<Profile> visitor) {
        AtomicLong members = new AtomicLong();
        profiles.forEach(profile -> {
            if (member.test(profile.id())) {
                members.incrementAndGet();
                visitor.accept(profile);
            }
        });
        return members.get();
    }

    /** The ids of the members now: from PostgreSQL when the rule compiles to SQL, else evaluated here. */
    private void memberIds(SegmentRegistry.View view, LoadedSegment segment, Instant now, Consumer<String> ids) {
        SqlMembership database = sql;
        if (database == null || !database.forEachMember(segment.segment().rule(), now, ids)) {
            evaluate(view, segment, now, profile -> ids.accept(profile.id()));
        }
    }

    /**
     * The live membership brought up to now for the segment, its changes stored; empty when there
     * is none or it does not hold this version of the segment yet.
     */
    private Optional<LiveMembership> liveFor(LoadedSegment segment) {
        LiveMembership current = live;
        synchronized (computed) {
            if (current == null || !segment.segment().equals(computed.get(segment.id()))) {
                return Optional.empty();
            }
        }
        memberships.apply(current.recompute(segment.id(), clock.instant()));
        return Optional.of(current);
    }

    private long evaluate(SegmentRegistry.View view, LoadedSegment segment, Instant now, Consumer<Profile> visitor) {
        Reads reads = Reads.of(segment.segment().rule(), view);
        AtomicLong members = new AtomicLong();
        profiles.forEach(profile -> {
            if (RuleEvaluator.matches(segment.segment().rule(), context(view, reads, profile, now))) {
                members.incrementAndGet();
                visitor.accept(profile);
            }
        });
        return members.get();
    }

    /**
     * The snapshot's members as they are now: someone merged into another profile since is given as
     * that profile, once; someone erased since is left out.
     */
    private long forEachStaticMember(String segmentId, Consumer<Profile> visitor) {
        Set<String> given = new HashSet<>();
        List<String> page = new ArrayList<>();
        AtomicLong members = new AtomicLong();
        Runnable flush = () -> {
            for (String id : page) {
                profiles.find(id).filter(p -> given.add(p.id())).ifPresent(p -> {
                    members.incrementAndGet();
                    visitor.accept(p);
                });
            }
            page.clear();
        };
        memberships.store().forEachMember(segmentId, id -> {
            page.add(id);
            if (page.size() == 1_000) {
                flush.run();
            }
        });
        flush.run();
        return members.get();
    }

    @Override
    public long size(String segmentId) {
        requireKnown(segmentId);
        return memberships.store().size(segmentId);
    }

    @Override
    public MembershipUpdate recompute(String segmentId) {
        requireKnown(segmentId);
        if (staticSegment(segmentId).isPresent()) {
            return new MembershipUpdate(segmentId, size(segmentId), 0, 0, java.time.Duration.ZERO);
        }
        return onWorker(() -> {
            SegmentRegistry.View view = registry.view();
            return recompute(view, loaded(view, segmentId));
        });
    }

    @Override
    public SegmentDefinition snapshot(String segmentId, String snapshotId) {
        Objects.requireNonNull(snapshotId, "snapshotId");
        if (!Segment.ID.matcher(snapshotId).matches()) {
            throw new IllegalArgumentException("a segment id is 1 to 64 lower-case letters, digits and '-': " + snapshotId);
        }
        requireKnown(segmentId);
        return onWorker(() -> {
            if (segment(snapshotId).isPresent() || Files.exists(registry.directory().resolve(snapshotId + ".json"))
                    || Files.exists(registry.directory().resolve(snapshotId + ".seg"))) {
                throw new IllegalArgumentException("segment id '" + snapshotId + "' is in use");
            }
            Instant now = clock.instant();
            String name = segment(segmentId).map(SegmentDefinition::name).orElse(segmentId) + " at " + now;
            MembershipUpdate frozen = memberships.replace(snapshotId, visitor -> forEachMember(segmentId,
                    profile -> visitor.accept(profile.id())), now);
            StaticSnapshots.Snapshot snapshot = new StaticSnapshots.Snapshot(snapshotId, segmentId, name, now, frozen.members());
            snapshots.write(snapshot);
            return snapshot.definition(snapshots.file(snapshotId));
        });
    }

    @Override
    public List<MembershipChange> changes(String segmentId, Instant since, int limit) {
        return memberships.store().changes(segmentId, since, limit);
    }

    @Override
    public Set<String> segmentsOf(String profileId) {
        return memberships.store().segmentsOf(profileId);
    }

    @Override
    public SegmentDefinition save(String fileName, String content) {
        Objects.requireNonNull(content, "content");
        return onWorker(() -> {
            String id = fileName == null ? "" : fileName.replaceFirst("\\.(json|seg)$", "");
            if (snapshots.find(id).isPresent()) {
                throw new IllegalArgumentException("'" + id + "' is a static segment; delete it first to reuse its id");
            }
            LoadedSegment saved = files.save(fileName, content);
            refresh();
            return saved.definition();
        });
    }

    @Override
    public boolean delete(String segmentId) {
        Objects.requireNonNull(segmentId, "segmentId");
        return onWorker(() -> {
            List<String> referring = registry.view().segments().values().stream()
                    .filter(s -> !s.id().equals(segmentId) && SegmentGraph.references(s.segment().rule()).contains(segmentId))
                    .map(LoadedSegment::id).toList();
            if (!referring.isEmpty()) {
                throw new IllegalArgumentException("segment '" + segmentId + "' is used by " + referring
                        + "; change those first");
            }
            boolean deleted = snapshots.delete(segmentId) | files.delete(segmentId);
            if (deleted) {
                synchronized (computed) {
                    computed.remove(segmentId);
                }
                memberships.clear(segmentId, clock.instant());
            }
            return deleted;
        });
    }

    private Optional<StaticSnapshots.Snapshot> staticSegment(String segmentId) {
        return registry.segment(segmentId).isPresent() ? Optional.empty() : snapshots.find(segmentId);
    }

    private void requireKnown(String segmentId) {
        if (segment(segmentId).isEmpty()) {
            throw new IllegalArgumentException("unknown segment '" + segmentId + "'; segments: "
                    + segments().stream().map(SegmentDefinition::id).toList());
        }
    }

    private EvaluationContext context(SegmentRegistry.View view, LoadedSegment segment, Profile profile, Instant now) {
        return context(view, Reads.of(segment.segment().rule(), view), profile, now);
    }

    /**
     * What evaluating a rule reads beyond the profile, following the segments it refers to and the
     * lifecycle: how far back its events go, and whether it needs scores or consent.
     */
    private record Reads(EventWindow window, Set<RuleEvaluator.Input> inputs) {
        static Reads of(Rule rule, SegmentRegistry.View view) {
            return new Reads(RuleEvaluator.windowOf(rule, view), RuleEvaluator.inputsOf(rule, view));
        }
    }

    /** Fetches the profile's events once, for the widest window needed, and scores and consent only if read. */
    private EvaluationContext context(SegmentRegistry.View view, Reads reads, Profile profile, Instant now) {
        List<Event> history = reads.window().since(now)
                .map(since -> events.eventsOf(profile.id(), since))
                .orElse(List.of());
        Map<String, Object> scored = reads.inputs().contains(RuleEvaluator.Input.SCORES) ? scores.scoresOf(profile.id()) : Map.of();
        List<ConsentRecord> consented = reads.inputs().contains(RuleEvaluator.Input.CONSENT)
                ? consents.history(profile.id()) : List.of();
        return EvaluationContext.of(profile, history, now, view, scored, consented);
    }

    private static LoadedSegment loaded(SegmentRegistry.View view, String segmentId) {
        return view.segment(segmentId).orElseThrow(() -> new IllegalArgumentException(
                "unknown segment '" + segmentId + "'; loaded segments: " + List.copyOf(view.segments().keySet())));
    }
}
