package org.tailor.segments.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * Segments from rule files ({@code <id>.json} or {@code <id>.seg}) in a directory, evaluated in
 * memory against the profile and event stores. Files are loaded at activation and again whenever
 * their modification time changes. {@link #explain} traces an evaluation for people.
 */
@Component(service = SegmentService.class, configurationPid = "org.tailor.segments", immediate = true)
@Designate(ocd = RuleSegmentServiceConfig.class)
public class RuleSegmentService implements SegmentService {

    private static final Logger LOG = LoggerFactory.getLogger(RuleSegmentService.class);

    private final ProfileStore profiles;
    private final EventStore events;
    private final Clock clock;
    private final SegmentRegistry registry;
    /** Null when reloading is switched off. */
    private final ScheduledExecutorService reloader;

    @Activate
    public RuleSegmentService(RuleSegmentServiceConfig config, @Reference ProfileStore profiles, @Reference EventStore events) {
        this(config, profiles, events, Clock.systemUTC());
    }

    /** For tests: evaluates at the clock's time. */
    RuleSegmentService(RuleSegmentServiceConfig config, ProfileStore profiles, EventStore events, Clock clock) {
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
        this.registry = new SegmentRegistry(KarafPaths.underEtc(config.directory(), "tailor/segments"));
        registry.rescan();
        long interval = config.reload_ms();
        if (interval > 0) {
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "tailor-segments-reload");
                thread.setDaemon(true);
                return thread;
            });
            reloader.scheduleWithFixedDelay(this::reloadLogged, interval, interval, TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    @Deactivate
    void deactivate() {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /** Reads changed files now rather than at the next poll. */
    void reload() {
        registry.rescan();
    }

    Path directory() {
        return registry.directory();
    }

    private void reloadLogged() {
        try {
            registry.rescan();
        } catch (RuntimeException e) {
            // An exception escaping would silently end the schedule, and with it every later reload.
            LOG.error("Reloading segments from {} failed", registry.directory(), e);
        }
    }

    @Override
    public List<SegmentDefinition> segments() {
        return registry.segments().stream().map(LoadedSegment::definition).toList();
    }

    @Override
    public Optional<SegmentDefinition> segment(String id) {
        return registry.segment(id).map(LoadedSegment::definition);
    }

    @Override
    public List<String> problems() {
        return registry.problems();
    }

    @Override
    public boolean isMember(String segmentId, Profile profile) {
        Objects.requireNonNull(profile, "profile");
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
    public org.tailor.api.segment.ExplainStep explain(String segmentId, Profile profile) {
        return step(trace(segmentId, profile));
    }

    private static org.tailor.api.segment.ExplainStep step(Trace trace) {
        return new org.tailor.api.segment.ExplainStep(trace.condition(), trace.detail(), trace.result(),
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
        // One rule version and one instant for the whole pass, so that a reload or the clock
        // moving on mid-stream cannot make the members a mix of two definitions.
        SegmentRegistry.View view = registry.view();
        LoadedSegment segment = loaded(view, segmentId);
        Instant now = clock.instant();
        EventWindow window = RuleEvaluator.windowOf(segment.segment().rule(), view);
        AtomicLong members = new AtomicLong();
        profiles.forEach(profile -> {
            if (RuleEvaluator.matches(segment.segment().rule(), context(view, window, profile, now))) {
                members.incrementAndGet();
                visitor.accept(profile);
            }
        });
        return members.get();
    }

    private EvaluationContext context(SegmentRegistry.View view, LoadedSegment segment, Profile profile, Instant now) {
        return context(view, RuleEvaluator.windowOf(segment.segment().rule(), view), profile, now);
    }

    /** Fetches the profile's events once, for the widest window the rule and the segments it refers to need. */
    private EvaluationContext context(SegmentRegistry.View view, EventWindow window, Profile profile, Instant now) {
        List<Event> history = window.since(now)
                .map(since -> events.eventsOf(profile.id(), since))
                .orElse(List.of());
        return EvaluationContext.of(profile, history, now, view);
    }

    private static LoadedSegment loaded(SegmentRegistry.View view, String segmentId) {
        return view.segment(segmentId).orElseThrow(() -> new IllegalArgumentException(
                "unknown segment '" + segmentId + "'; loaded segments: " + List.copyOf(view.segments().keySet())));
    }
}
