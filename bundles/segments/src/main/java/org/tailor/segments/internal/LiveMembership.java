package org.tailor.segments.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.tailor.api.model.Event;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

/**
 * Segment membership kept current in memory as data arrives and as time passes: every live
 * profile and the events the segments' windows reach, held as columns ({@link ProfileTable},
 * {@link EventTable}), rules compiled against them ({@link RuleCompiler}), and per segment the set
 * of member profiles. Answers are exactly {@link RuleEvaluator#matches} at the instant given.
 *
 * <h2>How to drive it</h2>
 * <ol>
 *   <li>{@link #load} once, with the segments and the current instant: reads
 *       {@link ProfileStore#forEach} and {@link EventStore#forEachSince} from the earliest instant
 *       any segment's window reaches, and computes every segment's members (no changes are
 *       reported for this first state; compare with the membership store if one is kept).</li>
 *   <li>{@link #onIngest} from an {@code IngestListener}, with what it was told: the changed
 *       profiles are read again with {@link ProfileStore#find} (a profile found under another id
 *       was absorbed by a merge: its events move to the survivor and it leaves every segment), new
 *       events are appended, and only the segments that read those event types or attributes are
 *       re-tested, and only for those profiles.</li>
 *   <li>{@link #sweep} every so often (a minute is plenty): re-tests the profiles for which time
 *       alone changed something — an event left a window of the last N days, a "then no"
 *       sequence's hours ran out, the day turned in the profile's time zone.</li>
 *   <li>{@link #define}, {@link #remove} and {@link #recompute} when segment files change or on
 *       demand. Segments that refer to a segment are re-tested with it.</li>
 * </ol>
 * Each of them returns the {@link MembershipChange}s it decided, in order, for the caller to store
 * and announce. An instant earlier than one already given is taken as that one: membership never
 * moves back in time. {@code load} comes first and only once.
 *
 * <h2>Threads</h2>
 * One writer: {@code load}, {@code onIngest}, {@code sweep}, {@code define}, {@code remove} and
 * {@code recompute} must not run concurrently with each other (call them from one thread or
 * serialize them). Any number of threads may call the readers ({@link #isMember},
 * {@link #forEachMember}, {@link #memberCount}, {@link #segmentIds}) at the same time as the
 * writer: they see each writer call's changes all at once, never half of them. Readers wait while
 * a writer applies changes, for the whole of {@code onIngest} (short), {@code load}, {@code define}
 * and {@code remove}. Full evaluations run on {@code threads} threads of this object's own.
 *
 * <h2>Memory and limits</h2>
 * Profiles keep their row for the life of the object (a removed profile's row stays empty). Rules
 * with conditions {@link RuleCompiler} does not know are evaluated by {@link RuleEvaluator} on
 * rebuilt profiles, are re-tested for every changed profile, and recomputed in full at every sweep.
 */
final class LiveMembership implements AutoCloseable {

    /** Fewer chained events than this are never worth compacting. */
    private static final int COMPACT_AT_LEAST = 1 << 20;

    private final ProfileStore profileStore;
    private final EventStore eventStore;
    private final Predicate<Rule> interpreted;
    private final ProfileFacts facts;
    /** The lifecycle stages that lifecycle conditions read. */
    private Optional<Lifecycle> lifecycle = Optional.empty();
    private final int threads;
    private final ExecutorService pool;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    private final ProfileTable profiles = new ProfileTable();
    private final Map<String, LiveSegment> segments = new TreeMap<>();
    /** Profiles absorbed by a merge, by id, with their survivor: to put events back when the merge is undone. */
    private final Map<String, String> absorbedInto = new HashMap<>();
    private EventTable events = new EventTable(0);
    private EventCounters counters = new EventCounters(events);
    private WakeTimes wakes = new WakeTimes(events);
    private Map<String, Set<Long>> watched = Map.of();
    /**
     * Rows whose windows time had moved when the watched delays changed (a segment defined or
     * removed): their counters were counted again then, and the next sweep re-tests them.
     */
    private final BitSet pending = new BitSet();
    private SegmentIndex index = SegmentIndex.EMPTY;
    private Instant now = Instant.MIN;
    private Instant datesCheckedAt = Instant.MIN;
    private Instant eventsSince = Instant.MAX;

    /**
     * @param threads how many threads evaluate a segment over all profiles (1: the caller's only)
     */
    LiveMembership(ProfileStore profileStore, EventStore eventStore, int threads) {
        this(profileStore, eventStore, threads, rule -> false);
    }

    /** For tests: leaves the conditions {@code interpreted} accepts to {@link RuleEvaluator}. */
    LiveMembership(ProfileStore profileStore, EventStore eventStore, int threads, Predicate<Rule> interpreted) {
        this(profileStore, eventStore, ProfileFacts.NONE, threads, interpreted);
    }

    /**
     * @param facts scores and consent, for rules that read them; such rules are left to
     *              {@link RuleEvaluator}, re-tested for every changed profile and at every sweep
     */
    LiveMembership(ProfileStore profileStore, EventStore eventStore, ProfileFacts facts, int threads,
                   Predicate<Rule> interpreted) {
        this.facts = facts;
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.profileStore = profileStore;
        this.eventStore = eventStore;
        this.threads = threads;
        this.interpreted = interpreted.or(RuleCompiler::needsInterpreter);
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "tailor-segments-evaluation");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    // ---- writer ----

    /** Reads the stores and computes the segments' members at {@code at}; see the class comment. */
    /** Sets the lifecycle stages that lifecycle conditions read; before {@link #load}. */
    void useLifecycle(Optional<Lifecycle> stages) {
        lifecycle = stages;
    }

    void load(Collection<Segment> definitions, Instant at) {
        lock.writeLock().lock();
        try {
            advance(at);
            datesCheckedAt = now;
            for (Segment s : definitions) {
                segments.put(s.id(), new LiveSegment(s, new BitSet()));
            }
            Set<String> ignored = new HashSet<>();
            profileStore.forEach(profile -> profiles.put(profile, ignored));
            eventsSince = horizon();
            loadEvents();
            compileAll();
            for (LiveSegment s : segments.values()) {
                s.members.or(evaluateAll(s.compiled, true));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Takes in what ingest committed and re-tests only the segments and profiles it can affect.
     *
     * @param profileIds profiles whose attributes, identities, orders or consent changed, absorbed ones included
     * @param newEvents events stored for the first time
     */
    List<MembershipChange> onIngest(Set<String> profileIds, List<Event> newEvents, Instant at) {
        return update(profileIds, newEvents, false, at);
    }

    /**
     * Reads the profiles and all their events in the window again from the store and re-tests
     * them: for notifications that may overlap what {@link #load} read, which {@link #onIngest}
     * would count twice.
     */
    List<MembershipChange> resync(Set<String> profileIds, Instant at) {
        return update(profileIds, List.of(), true, at);
    }

    private List<MembershipChange> update(Set<String> profileIds, List<Event> newEvents, boolean rereadEvents, Instant at) {
        List<Flip> flips = new ArrayList<>();
        lock.writeLock().lock();
        try {
            advance(at);
            long t = EventTimes.nanos(now);
            Map<Integer, Touch> touched = new TreeMap<>();
            Set<String> readWithEvents = new HashSet<>();
            Set<String> ids = new LinkedHashSet<>(profileIds);
            for (Event e : newEvents) {
                if (profiles.rowOf(e.profileId()) < 0 && !absorbedInto.containsKey(e.profileId())) {
                    ids.add(e.profileId());
                }
            }
            for (String id : ids) {
                refreshProfile(id, touched, readWithEvents, flips);
                int row = profiles.rowOf(id);
                if (rereadEvents && row >= 0 && profiles.isLive(row) && !readWithEvents.contains(id)) {
                    readEvents(id, row, readWithEvents);
                    touch(touched, row).eventsReplaced = true;
                    touch(touched, row).everything = true;
                }
            }
            for (Event e : newEvents) {
                String owner = absorbedInto.getOrDefault(e.profileId(), e.profileId());
                int row = profiles.rowOf(owner);
                if (row < 0 || readWithEvents.contains(owner) || e.occurredAt().isBefore(eventsSince)) {
                    continue;
                }
                int slot = events.append(row, e);
                counters.added(row, slot, t);
                wakes.added(row, slot, t);
                touch(touched, row).types.add(e.type());
            }
            touched.keySet().removeIf(row -> !profiles.isLive(row));
            for (Map.Entry<Integer, Touch> entry : touched.entrySet()) {
                int row = entry.getKey();
                Touch touch = entry.getValue();
                if (touch.eventsReplaced) {
                    counters.recount(row, t);
                    wakes.refresh(row, t);
                } else if (wakes.isDue(row, t)) {
                    // Time moved a window for this profile since it was last looked at: catch up now, or the sweep would miss it.
                    touch.moved.or(catchUp(row, t));
                }
            }
            Evaluation evaluation = evaluation(true);
            for (Map.Entry<Integer, Touch> entry : touched.entrySet()) {
                Touch touch = entry.getValue();
                Collection<LiveSegment> affected = touch.everything ? index.all() : index.affected(touch.types, touch.attributes, touch.moved);
                for (LiveSegment s : affected) {
                    retest(s, entry.getKey(), evaluation, flips);
                }
            }
            apply(flips);
        } finally {
            lock.writeLock().unlock();
        }
        compactIfWorthIt();
        return changes(flips);
    }

    /** Re-tests the profiles for which time alone may have changed an answer since the last sweep. */
    List<MembershipChange> sweep(Instant at) {
        advance(at);
        long t = EventTimes.nanos(now);
        BitSet due = wakes.due(profiles.size(), t);
        due.and(profiles.liveRows());
        BitSet dayTurned = index.dated().isEmpty() ? new BitSet() : dayTurned();
        datesCheckedAt = now;
        BitSet visit = (BitSet) due.clone();
        visit.or(dayTurned);
        pending.and(profiles.liveRows());
        visit.or(pending);
        // Rows are independent: each part catches up and re-tests its own rows, writing only their counters and instants.
        counters.ensureRows(profiles.size());
        wakes.ensureRows(profiles.size());
        long[] validUntil = wakes.instants();
        List<Flip> flips = inParts(visit, (from, to) -> {
            List<Flip> found = new ArrayList<>();
            Evaluation evaluation = new Evaluation(profiles, events, now, lookup(), validUntil);
            for (int row = visit.nextSetBit(from); row >= 0 && row < to; row = visit.nextSetBit(row + 1)) {
                BitSet retest = new BitSet();
                if (due.get(row)) {
                    retest.or(index.positions(Set.of(), Set.of(), catchUp(row, t)));
                }
                if (dayTurned.get(row)) {
                    retest.or(index.dated());
                }
                if (pending.get(row)) {
                    retest.or(index.moving());
                }
                retest.andNot(index.everything());
                for (int i = retest.nextSetBit(0); i >= 0; i = retest.nextSetBit(i + 1)) {
                    retest(index.all().get(i), row, evaluation, found);
                }
            }
            return found;
        });
        pending.clear();
        for (LiveSegment s : index.all()) {
            if (s.reads.everything()) {
                diff(s, evaluateAll(s.compiled, true), flips);
            }
        }
        applyLocked(flips);
        return changes(flips);
    }

    /**
     * Brings the row's counters and next instant up to {@code t} and returns the windows time moved
     * for it ({@link WakeTimes#crossed}): the segments with those windows are the ones to re-test.
     */
    private BitSet catchUp(int row, long t) {
        BitSet moved = wakes.crossed(row, t);
        counters.recount(row, t, moved);
        wakes.refresh(row, t);
        return moved;
    }

    /** Evaluates the segment for every profile and returns how its members changed. */
    List<MembershipChange> recompute(String segmentId, Instant at) {
        advance(at);
        LiveSegment s = segment(segmentId);
        List<Flip> flips = new ArrayList<>();
        diff(s, evaluateAll(s.compiled, true), flips);
        applyLocked(flips);
        return changes(flips);
    }

    /**
     * Adds or replaces a segment and computes its members, and those of the segments that refer to
     * it. Reads the events again when its window reaches further back than those held.
     */
    List<MembershipChange> define(Segment segment, Instant at) {
        List<Flip> flips = new ArrayList<>();
        lock.writeLock().lock();
        try {
            advance(at);
            pending.or(wakes.due(profiles.size(), EventTimes.nanos(now)));
            LiveSegment old = segments.get(segment.id());
            segments.put(segment.id(), new LiveSegment(segment, old == null ? new BitSet() : old.members));
            Instant since = horizon();
            if (since.isBefore(eventsSince)) {
                eventsSince = since;
                loadEvents();
            }
            compileAll();
            for (LiveSegment s : referringTo(segment.id())) {
                diff(s, evaluateAll(s.compiled, true), flips);
            }
            apply(flips);
        } finally {
            lock.writeLock().unlock();
        }
        return changes(flips);
    }

    /** Drops a segment: every member leaves it, and the segments that refer to it are re-tested. */
    List<MembershipChange> remove(String segmentId, Instant at) {
        List<Flip> flips = new ArrayList<>();
        lock.writeLock().lock();
        try {
            advance(at);
            pending.or(wakes.due(profiles.size(), EventTimes.nanos(now)));
            LiveSegment removed = segments.remove(segmentId);
            if (removed == null) {
                return List.of();
            }
            diff(removed, new BitSet(), flips);
            compileAll();
            for (LiveSegment s : referringTo(segmentId)) {
                diff(s, evaluateAll(s.compiled, true), flips);
            }
            apply(flips);
        } finally {
            lock.writeLock().unlock();
        }
        return changes(flips);
    }

    // ---- readers ----

    /** @throws IllegalArgumentException for a segment that is not defined */
    boolean isMember(String segmentId, String profileId) {
        lock.readLock().lock();
        try {
            BitSet members = segment(segmentId).members;
            int row = profiles.rowOf(profileId);
            return row >= 0 && members.get(row);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Visits the ids of the segment's members as they are now (outside the lock); returns how many. */
    long forEachMember(String segmentId, Consumer<String> visitor) {
        List<String> ids = new ArrayList<>();
        lock.readLock().lock();
        try {
            BitSet members = segment(segmentId).members;
            for (int row = members.nextSetBit(0); row >= 0; row = members.nextSetBit(row + 1)) {
                ids.add(profiles.id(row));
            }
        } finally {
            lock.readLock().unlock();
        }
        ids.forEach(visitor);
        return ids.size();
    }

    /** The segment's members as profile rows, a copy. */
    BitSet members(String segmentId) {
        lock.readLock().lock();
        try {
            return (BitSet) segment(segmentId).members.clone();
        } finally {
            lock.readLock().unlock();
        }
    }

    long memberCount(String segmentId) {
        lock.readLock().lock();
        try {
            return segment(segmentId).members.cardinality();
        } finally {
            lock.readLock().unlock();
        }
    }

    Set<String> segmentIds() {
        lock.readLock().lock();
        try {
            return Set.copyOf(segments.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    // ---- for the benchmarks ----

    /**
     * Who is in the segment at the current instant, evaluated over every profile without changing
     * anything: by walking events only, or reading counters where they are current.
     */
    BitSet evaluate(String segmentId, boolean counted) {
        return evaluateAll(segment(segmentId).compiled, counted);
    }

    /** How many events are held, and how many counters are kept. */
    String describe() {
        return profiles.liveRows().cardinality() + " profiles, " + events.size() + " events since " + eventsSince + ", "
                + counters.size() + " counters, " + segments.size() + " segments";
    }

    // ---- the work ----

    /** What one ingest did to one profile row. */
    private static final class Touch {
        final Set<String> types = new HashSet<>();
        final Set<String> attributes = new HashSet<>();
        final BitSet moved = new BitSet();
        boolean everything;
        boolean eventsReplaced;
    }

    private record Flip(LiveSegment segment, int row, String profileId, boolean entered) {
    }

    private static Touch touch(Map<Integer, Touch> touched, int row) {
        return touched.computeIfAbsent(row, r -> new Touch());
    }

    private void refreshProfile(String id, Map<Integer, Touch> touched, Set<String> readWithEvents, List<Flip> flips) {
        Optional<Profile> found = profileStore.find(id);
        int row = profiles.rowOf(id);
        if (found.isEmpty() || !found.get().id().equals(id)) {
            if (row < 0) {
                return;
            }
            if (found.isPresent()) {
                boolean survivorKnown = profiles.rowOf(found.get().id()) >= 0;
                int survivor = put(found.get(), touched, readWithEvents);
                if (survivorKnown) {
                    // A survivor new here was read with its events, the moved ones among them.
                    events.move(row, survivor);
                    touch(touched, survivor).eventsReplaced = true;
                    touch(touched, survivor).everything = true;
                }
                absorbedInto.put(id, found.get().id());
            }
            for (LiveSegment s : segments.values()) {
                if (s.members.get(row)) {
                    flips.add(new Flip(s, row, id, false));
                }
            }
            profiles.remove(row);
            events.clear(row);
            wakes.refresh(row, EventTimes.nanos(now));
            touched.remove(row);
            return;
        }
        put(found.get(), touched, readWithEvents);
        String survivor = absorbedInto.remove(id);
        if (survivor != null && profiles.rowOf(survivor) >= 0) {
            // A merge was undone: the store moved some of the survivor's events back.
            int survivorRow = profiles.rowOf(survivor);
            readEvents(survivor, survivorRow, readWithEvents);
            touch(touched, survivorRow).eventsReplaced = true;
            touch(touched, survivorRow).everything = true;
        }
    }

    /** Stores the profile; a profile new here gets its events from the store. */
    private int put(Profile profile, Map<Integer, Touch> touched, Set<String> readWithEvents) {
        boolean known = profiles.rowOf(profile.id()) >= 0;
        Set<String> changed = new HashSet<>();
        int row = profiles.put(profile, changed);
        events.ensureRows(profiles.size());
        Touch touch = touch(touched, row);
        touch.attributes.addAll(changed);
        if (!known) {
            readEvents(profile.id(), row, readWithEvents);
            touch.eventsReplaced = true;
            touch.everything = true;
        }
        return row;
    }

    private void readEvents(String id, int row, Set<String> readWithEvents) {
        events.clear(row);
        for (Event e : eventStore.eventsOf(id, eventsSince)) {
            events.append(row, e);
        }
        readWithEvents.add(id);
    }

    private void retest(LiveSegment s, int row, Evaluation evaluation, List<Flip> flips) {
        boolean member = s.compiled.test(row, evaluation);
        if (member != s.members.get(row)) {
            flips.add(new Flip(s, row, profiles.id(row), member));
        }
    }

    private void diff(LiveSegment s, BitSet next, List<Flip> flips) {
        BitSet changed = (BitSet) next.clone();
        changed.xor(s.members);
        for (int row = changed.nextSetBit(0); row >= 0; row = changed.nextSetBit(row + 1)) {
            flips.add(new Flip(s, row, profiles.id(row), next.get(row)));
        }
    }

    private void applyLocked(List<Flip> flips) {
        lock.writeLock().lock();
        try {
            apply(flips);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static void apply(List<Flip> flips) {
        for (Flip f : flips) {
            f.segment.members.set(f.row, f.entered);
        }
    }

    private List<MembershipChange> changes(List<Flip> flips) {
        List<MembershipChange> changes = new ArrayList<>(flips.size());
        for (Flip f : flips) {
            changes.add(new MembershipChange(f.segment.id(), f.profileId, f.entered, now));
        }
        return changes;
    }

    private void advance(Instant at) {
        if (at.isAfter(now)) {
            now = at;
        }
    }

    private LiveSegment segment(String segmentId) {
        LiveSegment s = segments.get(segmentId);
        if (s == null) {
            throw new IllegalArgumentException("unknown segment '" + segmentId + "'; defined: " + segments.keySet());
        }
        return s;
    }

    private SegmentLookup lookup() {
        Optional<Lifecycle> stages = lifecycle;
        return new SegmentLookup() {
            @Override
            public Optional<Rule> rule(String id) {
                return Optional.ofNullable(segments.get(id)).map(s -> s.segment.rule());
            }

            @Override
            public Optional<Lifecycle> lifecycle() {
                return stages;
            }
        };
    }

    /** The segment and those that refer to it, directly or not. */
    private List<LiveSegment> referringTo(String segmentId) {
        List<LiveSegment> found = new ArrayList<>();
        for (LiveSegment s : segments.values()) {
            if (s.id().equals(segmentId) || s.reads.segments().contains(segmentId)) {
                found.add(s);
            }
        }
        return found;
    }

    /** The earliest instant whose events some segment needs now. */
    private Instant horizon() {
        SegmentLookup lookup = lookup();
        EventWindow window = EventWindow.NONE;
        for (LiveSegment s : segments.values()) {
            window = window.widen(RuleEvaluator.windowOf(s.segment.rule(), lookup));
        }
        return window.since(now).orElse(now);
    }

    private void loadEvents() {
        EventTable table = new EventTable((int) Math.min(eventStore.count(), Integer.MAX_VALUE - 16));
        table.ensureRows(profiles.size());
        eventStore.forEachSince(eventsSince, e -> {
            int row = profiles.rowOf(e.profileId());
            if (row >= 0 && !e.occurredAt().isBefore(eventsSince)) {
                table.append(row, e);
            }
        });
        table.compact(profiles.size(), Long.MIN_VALUE);
        events = table;
        counters = new EventCounters(table);
        wakes = new WakeTimes(table);
        watched = null;
    }

    private void compileAll() {
        SegmentLookup lookup = lookup();
        RuleCompiler compiler = new RuleCompiler(profiles, events, counters, lookup, interpreted);
        List<RuleReads> reads = new ArrayList<>();
        for (LiveSegment s : segments.values()) {
            s.compiled = compiler.compile(s.segment.rule());
            s.reads = RuleReads.of(s.segment.rule(), lookup, interpreted);
            reads.add(s.reads);
        }
        long t = EventTimes.nanos(now);
        counters.settle(profiles.size(), t);
        Map<String, Set<Long>> delays = RuleReads.union(reads);
        if (!delays.equals(watched)) {
            wakes.watch(delays);
            wakes.refreshAll(profiles.size(), t);
            watched = delays;
            for (int row = pending.nextSetBit(0); row >= 0; row = pending.nextSetBit(row + 1)) {
                counters.recount(row, t);
            }
        }
        counters.watchedBy(wakes);
        index = SegmentIndex.of(segments.values(), wakes);
    }

    private Evaluation evaluation(boolean counted) {
        return new Evaluation(profiles, events, now, lookup(), counted ? wakes.instants() : null, facts);
    }

    /** The rows whose day, in their time zone, is not the one it was at the last sweep. */
    private BitSet dayTurned() {
        Evaluation before = new Evaluation(profiles, events, datesCheckedAt, lookup(), null, facts);
        Evaluation after = evaluation(false);
        BitSet turned = new BitSet();
        BitSet live = profiles.liveRows();
        for (int row = live.nextSetBit(0); row >= 0; row = live.nextSetBit(row + 1)) {
            if (before.today(row) != after.today(row)) {
                turned.set(row);
            }
        }
        return turned;
    }

    private BitSet evaluateAll(CompiledCondition rule, boolean counted) {
        int rows = profiles.size();
        long[] validUntil = counted ? wakes.instants() : null;
        SegmentLookup lookup = lookup();
        if (pool == null || rows < 4096) {
            return evaluateRange(rule, 0, rows, validUntil, lookup);
        }
        int chunk = rows / (threads * 4) + 1;
        List<Future<BitSet>> parts = new ArrayList<>();
        for (int from = 0; from < rows; from += chunk) {
            int start = from;
            int end = Math.min(rows, from + chunk);
            parts.add(pool.submit(() -> evaluateRange(rule, start, end, validUntil, lookup)));
        }
        BitSet all = new BitSet(rows);
        try {
            for (Future<BitSet> part : parts) {
                all.or(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating a segment", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluating a segment failed", e.getCause());
        }
        return all;
    }

    private BitSet evaluateRange(CompiledCondition rule, int from, int to, long[] validUntil, SegmentLookup lookup) {
        Evaluation evaluation = new Evaluation(profiles, events, now, lookup, validUntil, facts);
        BitSet live = profiles.liveRows();
        BitSet members = new BitSet(to);
        for (int row = live.nextSetBit(from); row >= 0 && row < to; row = live.nextSetBit(row + 1)) {
            if (rule.test(row, evaluation)) {
                members.set(row);
            }
        }
        return members;
    }

    /** Work on a range of rows, from inclusive to exclusive. */
    @FunctionalInterface
    private interface RowsWork {
        List<Flip> run(int from, int to);
    }

    /** Runs the work over the rows in parts on the evaluation threads; the flips come back in row order. */
    private List<Flip> inParts(BitSet rows, RowsWork work) {
        int size = profiles.size();
        if (pool == null || rows.cardinality() < 1024) {
            return work.run(0, size);
        }
        int chunk = size / (threads * 4) + 1;
        List<Future<List<Flip>>> parts = new ArrayList<>();
        for (int from = 0; from < size; from += chunk) {
            int start = from;
            int end = Math.min(size, from + chunk);
            parts.add(pool.submit(() -> work.run(start, end)));
        }
        List<Flip> all = new ArrayList<>();
        try {
            for (Future<List<Flip>> part : parts) {
                all.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sweeping", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweeping failed", e.getCause());
        }
        return all;
    }

    private void compactIfWorthIt() {
        int chained = events.chained();
        if (chained >= COMPACT_AT_LEAST && chained >= (events.size() - chained) / 4) {
            // Readers never read events, so this needs no lock; counts and wake instants stay right
            // because only events before every window are left out.
            events.compact(profiles.size(), EventTimes.nanos(horizon()));
        }
    }
}
