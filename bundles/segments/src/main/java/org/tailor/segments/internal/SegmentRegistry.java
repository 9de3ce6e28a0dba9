package org.tailor.segments.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.segments.internal.LocatedJson.Position;

/**
 * The segments of one directory, one per {@code <id>.json} (JSON) or {@code <id>.seg} (text
 * syntax) file, and the lifecycle stages of {@code lifecycle.seg} or {@code lifecycle.json} in
 * it, kept current by {@link #rescan()}.
 *
 * <p>A file is read again when its modification time or size changes. A file that fails to
 * load, or whose id is not its file name, is reported in {@link #problems()} and keeps serving
 * the last version of it that did load, so a typo saved in an editor never takes a live
 * segment away; deleting the file drops its segment.
 *
 * <p>Segments may refer to each other, lifecycle stages to segments, and segments to the
 * lifecycle. A version that would close a cycle of references is reported naming the cycle, and
 * the segments (and the lifecycle) on it keep the versions that served before (or stay out, if
 * none did). A reference to a segment that is not loaded is reported, and the condition is false
 * until that segment loads; so is a lifecycle condition while no lifecycle is loaded.
 *
 * <p>Thread safe: rescans are serialized, and readers see an immutable snapshot.
 */
final class SegmentRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRegistry.class);
    private static final String JSON = ".json";
    private static final String TEXT = ".seg";
    /** The lifecycle's files; their names are not segment ids. */
    private static final Set<String> LIFECYCLE_FILES = Set.of(SegmentGraph.LIFECYCLE + JSON, SegmentGraph.LIFECYCLE + TEXT);

    /** What is loaded now; replaced whole by each rescan. */
    private record Snapshot(Map<String, LoadedSegment> segments, LoadedLifecycle lifecycle, List<String> problems) {
    }

    /**
     * The lifecycle as it loaded from a file.
     *
     * @param positions where each stage starts, for messages
     */
    record LoadedLifecycle(Lifecycle lifecycle, String file, List<Position> positions) {

        /** Where the first stage that refers to {@code reference} starts. */
        Position positionOf(String reference) {
            for (int i = 0; i < positions.size(); i++) {
                if (SegmentGraph.references(lifecycle.stages().get(i).rule()).contains(reference)) {
                    return positions.get(i);
                }
            }
            return new Position(1, 1);
        }
    }

    /** What the last rescan saw of one file; {@code lastGood} outlives later broken versions. */
    private record FileState<T>(FileTime modified, long size, T lastGood, String problem) {
    }

    /** Reads one kind of file. */
    @FunctionalInterface
    private interface Loader<T> {
        T load(String name, Path path, String text) throws SegmentFileException;
    }

    private final Path directory;
    /** Segment files by name; only rescan() touches it. */
    private final Map<String, FileState<LoadedSegment>> files = new HashMap<>();
    /** Lifecycle files by name; only rescan() touches it. */
    private final Map<String, FileState<LoadedLifecycle>> lifecycleFiles = new HashMap<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), null, List.of());
    private boolean directoryMissing;
    private String listingProblem;

    SegmentRegistry(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    Path directory() {
        return directory;
    }

    /** Loaded segments, ordered by id. */
    List<LoadedSegment> segments() {
        return List.copyOf(snapshot.segments().values());
    }

    Optional<LoadedSegment> segment(String id) {
        return Optional.ofNullable(snapshot.segments().get(id));
    }

    /** One line per file that failed to load, {@code <file>:<line>:<column>: <reason>}, ordered by file name. */
    List<String> problems() {
        return snapshot.problems();
    }

    /** Reads what changed in the directory and publishes the result. */
    synchronized void rescan() {
        Optional<Map<String, Path>> listed = listSegmentFiles();
        if (listed.isPresent()) {
            Map<String, Path> present = listed.get();
            files.keySet().removeIf(name -> !present.containsKey(name));
            lifecycleFiles.keySet().removeIf(name -> !present.containsKey(name));
            present.forEach((name, path) -> {
                if (isLifecycle(name)) {
                    refresh(lifecycleFiles, name, path, SegmentRegistry::loadLifecycle);
                } else {
                    refresh(files, name, path, SegmentRegistry::loadSegment);
                }
            });
        }
        Snapshot previous = snapshot;
        snapshot = assemble(previous);
        logChanges(previous, snapshot);
    }

    /** The segment files by name, or empty when the directory cannot be listed right now. */
    private Optional<Map<String, Path>> listSegmentFiles() {
        Map<String, Path> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            if (!directoryMissing) {
                LOG.warn("Segment directory {} does not exist; no segments are loaded until it does", directory);
                directoryMissing = true;
            }
            listingProblem = null;
            return Optional.of(found);
        }
        directoryMissing = false;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                // Dot files are editor backups and locks, not segments.
                String lower = name.toLowerCase(Locale.ROOT);
                if (!name.startsWith(".") && (lower.endsWith(JSON) || lower.endsWith(TEXT)) && Files.isRegularFile(path)) {
                    found.put(name, path);
                }
            }
            listingProblem = null;
            return Optional.of(found);
        } catch (IOException e) {
            // A directory we cannot list now is not a directory without segments: keep what is loaded.
            listingProblem = directory + ":1:1: cannot list the segment directory: " + e;
            return Optional.empty();
        }
    }

    private static boolean isLifecycle(String name) {
        return LIFECYCLE_FILES.contains(name.toLowerCase(Locale.ROOT));
    }

    private static <T> void refresh(Map<String, FileState<T>> states, String name, Path path, Loader<T> loader) {
        FileState<T> old = states.get(name);
        T lastGood = old == null ? null : old.lastGood();
        FileTime modified;
        long size;
        String text;
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            modified = attributes.lastModifiedTime();
            size = attributes.size();
            if (old != null && modified.equals(old.modified()) && size == old.size()) {
                return;
            }
            text = StrictUtf8.decode(name, Files.readAllBytes(path));
        } catch (IOException e) {
            // Retried on the next rescan: the unknown time never equals the file's.
            states.put(name, new FileState<>(FileTime.fromMillis(Long.MIN_VALUE), -1, lastGood,
                    new SegmentFileException(name, new Position(1, 1), "cannot read the file: " + e).getMessage()));
            return;
        } catch (SegmentFileException e) {
            states.put(name, new FileState<>(FileTime.fromMillis(Long.MIN_VALUE), -1, lastGood, e.getMessage()));
            return;
        }
        try {
            states.put(name, new FileState<>(modified, size, loader.load(name, path, text), null));
        } catch (SegmentFileException e) {
            states.put(name, new FileState<>(modified, size, lastGood, e.getMessage()));
        }
    }

    private static LoadedSegment loadSegment(String name, Path path, String text) throws SegmentFileException {
        RuleParser.ParsedSegment parsed = parse(name, text);
        return LoadedSegment.of(parsed.segment(), name, path.toString(), parsed.idPosition());
    }

    private static LoadedLifecycle loadLifecycle(String name, Path path, String text) throws SegmentFileException {
        Lifecycle.Parsed parsed = name.toLowerCase(Locale.ROOT).endsWith(JSON)
                ? RuleParser.parseLifecycle(name, text) : RuleTextParser.parseLifecycle(name, text);
        return new LoadedLifecycle(parsed.lifecycle(), name, parsed.positions());
    }

    /** A {@code .json} file names its id inside, which must match; a {@code .seg} file's id is its name. */
    static RuleParser.ParsedSegment parse(String name, String text) throws SegmentFileException {
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(JSON);
        String expectedId = name.substring(0, name.length() - (json ? JSON : TEXT).length());
        if (!json) {
            if (!Segment.ID.matcher(expectedId).matches()) {
                throw new SegmentFileException(name, new Position(1, 1), "the file name must be a segment id and .seg: 1 to 64 "
                        + "lower-case letters, digits and '-', starting with a letter or digit");
            }
            return RuleTextParser.parseSegment(name, expectedId, text);
        }
        RuleParser.ParsedSegment parsed = RuleParser.parse(name, text);
        if (!parsed.segment().id().equals(expectedId)) {
            throw new SegmentFileException(name, parsed.idPosition(), "id '" + parsed.segment().id()
                    + "' does not match the file name; the file of segment '" + parsed.segment().id() + "' must be named "
                    + parsed.segment().id() + JSON);
        }
        return parsed;
    }

    private Snapshot assemble(Snapshot previous) {
        Map<String, LoadedSegment> byId = new TreeMap<>();
        // Only "a.json" and "a.JSON" can share an id. The file that served it before keeps it,
        // so adding a second file never moves a live segment; otherwise the first by name wins.
        files.forEach((name, state) -> {
            LoadedSegment good = state.lastGood();
            LoadedSegment before = good == null ? null : previous.segments().get(good.id());
            if (before != null && before.file().equals(name)) {
                byId.put(good.id(), good);
            }
        });
        LoadedLifecycle lifecycle = chooseLifecycle(previous);
        List<String> problems = new ArrayList<>();
        if (listingProblem != null) {
            problems.add(listingProblem);
        }
        Map<String, FileState<?>> all = new TreeMap<>(files);
        all.putAll(lifecycleFiles);
        for (Map.Entry<String, FileState<?>> entry : all.entrySet()) {
            String name = entry.getKey();
            FileState<?> state = entry.getValue();
            if (state.problem() != null) {
                problems.add(state.problem());
            }
            if (state.lastGood() instanceof LoadedSegment good) {
                LoadedSegment holder = byId.putIfAbsent(good.id(), good);
                if (holder != null && !holder.file().equals(name)) {
                    problems.add(name + ":" + good.idPosition() + ": segment '" + good.id() + "' is already defined in "
                            + holder.file() + "; this file is ignored");
                }
            } else if (state.lastGood() instanceof LoadedLifecycle good && !good.file().equals(lifecycle.file())) {
                problems.add(name + ":1:1: the lifecycle is already defined in " + lifecycle.file() + "; this file is ignored");
            }
        }
        lifecycle = breakCycles(byId, lifecycle, previous, problems);
        reportUnknownReferences(byId, lifecycle, problems);
        return new Snapshot(Collections.unmodifiableMap(byId), lifecycle, List.copyOf(problems));
    }

    /** The file that served the lifecycle before keeps it while it has a version that loaded; otherwise the first by name. */
    private LoadedLifecycle chooseLifecycle(Snapshot previous) {
        if (previous.lifecycle() != null) {
            FileState<LoadedLifecycle> served = lifecycleFiles.get(previous.lifecycle().file());
            if (served != null && served.lastGood() != null) {
                return served.lastGood();
            }
        }
        return new TreeMap<>(lifecycleFiles).values().stream().map(FileState::lastGood).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    /**
     * While the candidates refer to each other in a cycle, puts back the previous versions of the
     * segments (and of the lifecycle) on it that changed, or leaves out new ones, reporting the
     * cycle once per file. Each round changes at least one of them, and the versions that served
     * before had no cycle, so this ends.
     *
     * @return the lifecycle that stays
     */
    private static LoadedLifecycle breakCycles(Map<String, LoadedSegment> byId, LoadedLifecycle candidate, Snapshot previous,
                                               List<String> problems) {
        LoadedLifecycle lifecycle = candidate;
        while (true) {
            Map<String, Set<String>> references = new TreeMap<>();
            byId.forEach((id, loaded) -> references.put(id, SegmentGraph.references(loaded.segment().rule())));
            if (lifecycle != null) {
                references.put(SegmentGraph.LIFECYCLE, SegmentGraph.references(lifecycle.lifecycle()));
            }
            Optional<List<String>> cycle = SegmentGraph.findCycle(references);
            if (cycle.isEmpty()) {
                return lifecycle;
            }
            List<String> path = cycle.get();
            String described = String.join(" -> ", path);
            boolean changed = false;
            for (int i = 0; i < path.size() - 1; i++) {
                String id = path.get(i);
                if (id.equals(SegmentGraph.LIFECYCLE)) {
                    LoadedLifecycle before = previous.lifecycle();
                    if (!Objects.equals(before, lifecycle)) {
                        problems.add(lifecycle.file() + ":" + lifecycle.positionOf(path.get(i + 1)) + ": the lifecycle would close a "
                                + "cycle of references " + described + "; " + (before == null ? "it is not loaded" : "its previous definition stays active"));
                        lifecycle = before;
                        changed = true;
                    }
                    continue;
                }
                LoadedSegment candidateSegment = byId.get(id);
                LoadedSegment before = previous.segments().get(id);
                if (before != null && before.equals(candidateSegment)) {
                    continue;
                }
                problems.add(candidateSegment.file() + ":" + candidateSegment.idPosition() + ": segment '" + id + "' would close a cycle of "
                        + "segment references " + described + "; " + (before == null ? "it is not loaded" : "its previous definition stays active"));
                if (before == null) {
                    byId.remove(id);
                } else {
                    byId.put(id, before);
                }
                changed = true;
            }
            if (!changed) {
                // Only versions that served before are left on the cycle: drop them rather than loop.
                for (String id : path) {
                    if (id.equals(SegmentGraph.LIFECYCLE)) {
                        lifecycle = null;
                    } else {
                        byId.remove(id);
                    }
                }
            }
        }
    }

    private static void reportUnknownReferences(Map<String, LoadedSegment> byId, LoadedLifecycle lifecycle, List<String> problems) {
        byId.forEach((id, loaded) -> {
            String where = loaded.file() + ":" + loaded.idPosition() + ": segment '" + id + "'";
            for (String ref : SegmentGraph.references(loaded.segment().rule())) {
                if (ref.equals(SegmentGraph.LIFECYCLE)) {
                    reportStages(where, loaded.segment().rule(), lifecycle, problems);
                } else if (!byId.containsKey(ref)) {
                    problems.add(where + " refers to segment '" + ref + "', which is not loaded; that condition is false until it is");
                }
            }
        });
        if (lifecycle != null) {
            List<Lifecycle.Stage> stages = lifecycle.lifecycle().stages();
            for (int i = 0; i < stages.size(); i++) {
                for (String ref : SegmentGraph.references(stages.get(i).rule())) {
                    if (!byId.containsKey(ref)) {
                        problems.add(lifecycle.file() + ":" + lifecycle.positions().get(i) + ": stage '" + stages.get(i).name()
                                + "' refers to segment '" + ref + "', which is not loaded; that condition is false until it is");
                    }
                }
            }
        }
    }

    /** A lifecycle condition without a lifecycle, or naming a stage the lifecycle does not have. */
    private static void reportStages(String where, Rule rule, LoadedLifecycle lifecycle, List<String> problems) {
        if (lifecycle == null) {
            problems.add(where + " tests the lifecycle stage, but no lifecycle is loaded (lifecycle.seg or lifecycle.json); "
                    + "every profile's stage is none until one is");
            return;
        }
        List<String> names = lifecycle.lifecycle().names();
        SegmentGraph.stagesTested(rule).stream()
                .filter(stage -> !stage.equals(Lifecycle.NONE) && !names.contains(stage))
                .forEach(stage -> problems.add(where + " tests lifecycle stage '" + stage + "', which " + lifecycle.file()
                        + " does not define (its stages: " + String.join(", ", names) + ", none)"));
    }

    /** The loaded segments and lifecycle as one snapshot, so that a whole evaluation sees one version of each. */
    record View(Map<String, LoadedSegment> segments, Optional<Lifecycle> lifecycle) implements SegmentLookup {
        Optional<LoadedSegment> segment(String id) {
            return Optional.ofNullable(segments.get(id));
        }

        @Override
        public Optional<Rule> rule(String segmentId) {
            return segment(segmentId).map(loaded -> loaded.segment().rule());
        }
    }

    View view() {
        Snapshot current = snapshot;
        return new View(current.segments(), Optional.ofNullable(current.lifecycle()).map(LoadedLifecycle::lifecycle));
    }

    private static void logChanges(Snapshot before, Snapshot after) {
        after.problems().stream().filter(p -> !before.problems().contains(p))
                .forEach(p -> LOG.warn("Segment file not loaded: {}", p));
        after.segments().forEach((id, loaded) -> {
            LoadedSegment old = before.segments().get(id);
            if (old == null) {
                LOG.info("Loaded segment '{}' from {}", id, loaded.file());
            } else if (!old.equals(loaded)) {
                LOG.info("Reloaded segment '{}' from {}", id, loaded.file());
            }
        });
        before.segments().keySet().stream().filter(id -> !after.segments().containsKey(id))
                .forEach(id -> LOG.info("Dropped segment '{}': its file is gone", id));
        if (after.lifecycle() == null) {
            if (before.lifecycle() != null) {
                LOG.info("Dropped the lifecycle stages of {}; every profile's stage is none", before.lifecycle().file());
            }
        } else if (!after.lifecycle().equals(before.lifecycle())) {
            LOG.info("Loaded lifecycle stages {} from {}", after.lifecycle().lifecycle().names(), after.lifecycle().file());
        }
    }
}
