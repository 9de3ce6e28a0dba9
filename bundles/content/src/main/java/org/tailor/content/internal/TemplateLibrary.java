package org.tailor.content.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template packs in one folder, one sub-folder each, kept in step with the files by
 * {@link #rescan()}.
 *
 * <p>A pack is read and parsed again only when the modification time, size or identity of one of
 * its files (or of a shared block) changed, or a file appeared or went, or it did not load last
 * time (a rule may name a segment that had not loaded yet). A pack whose files fail to load keeps
 * its last good version live, and its problems are reported until the files are fixed; a pack
 * whose folder disappears is dropped. Readers see an immutable snapshot, so a render never mixes
 * two versions of a pack.
 */
final class TemplateLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateLibrary.class);
    private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path directory;
    private final PackLoader loader;
    /** 1: packs are the folders of the directory; 2: of its sub-folders (one per bundle that ships packs). */
    private final int depth;

    /** Guarded by this: what each folder held at the last scan and what loading it gave. */
    private final Map<String, Folder> folders = new HashMap<>();
    /** Guarded by this: bumped when every pack must load again; folders loaded under an older one are stale. */
    private long generation;

    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    TemplateLibrary(Path directory, PackLoader loader) {
        this(directory, loader, 1);
    }

    TemplateLibrary(Path directory, PackLoader loader, int depth) {
        this.directory = directory;
        this.loader = loader;
        this.depth = depth;
    }

    Path directory() {
        return directory;
    }

    Optional<TemplatePack> pack(String id) {
        return Optional.ofNullable(snapshot.packs().get(id));
    }

    /** Ids of the live packs, sorted. */
    List<String> ids() {
        return List.copyOf(new TreeMap<>(snapshot.packs()).keySet());
    }

    /** One {@code file:line:column: reason} line per problem, in folder order. */
    List<String> problems() {
        return snapshot.problems();
    }

    /** The problems of one pack only, for the message of a render that cannot find it. */
    List<String> problems(String id) {
        return snapshot.problems().stream().filter(p -> p.startsWith(id + "/")).toList();
    }

    /** Loads every pack again on the next scan (keeping each last good version): what rules can refer to has changed. */
    synchronized void invalidate() {
        generation++;
    }

    /** Reloads changed folders, loads new ones and drops deleted ones. */
    synchronized void rescan() {
        Map<String, Path> found;
        List<String> listing = new ArrayList<>();
        try {
            found = depth == 1 ? listFolders(directory) : listNestedFolders(listing);
        } catch (IOException e) {
            // Keep what is live rather than dropping every pack over a listing that failed once.
            LOG.warn("Cannot list template folder {}: {}", directory, e.toString());
            snapshot = new Snapshot(snapshot.packs(),
                    List.of(directory + ":1:1: cannot list the template folder: " + e));
            return;
        }
        folders.keySet().retainAll(found.keySet());
        Map<String, FileStamp> shared = stamps(directory.resolve(PackLoader.SHARED_BLOCKS));
        Map<String, TemplatePack> packs = new HashMap<>();
        List<String> problems = new ArrayList<>(listing);
        found.forEach((id, path) -> {
            if (!TEMPLATE_ID.matcher(id).matches()) {
                problems.add(id + ":1:1: a template folder name must be letters, digits, '.', '_' or '-' "
                        + "(at most 128) and start with a letter or digit; this folder is ignored");
                return;
            }
            Map<String, FileStamp> stamps = new HashMap<>(stamps(path));
            if (stamps.containsKey(PackLoader.MANIFEST)) {
                shared.forEach((file, stamp) -> stamps.put(PackLoader.SHARED_BLOCKS + "/" + file, stamp));
            }
            Folder previous = folders.get(id);
            Folder folder = previous != null && previous.stamps().equals(stamps) && previous.problems().isEmpty()
                    && previous.generation() == generation
                    ? previous
                    : load(id, path, stamps, previous);
            folders.put(id, folder);
            if (folder.lastGood() != null) {
                packs.put(id, folder.lastGood());
            }
            problems.addAll(folder.problems());
        });
        snapshot = new Snapshot(Map.copyOf(packs), List.copyOf(problems));
    }

    /** The packs of every sub-folder; an id in two of them is a problem, and the first in name order is used. */
    private Map<String, Path> listNestedFolders(List<String> problems) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        for (Path owner : listFolders(directory).values()) {
            listFolders(owner).forEach((id, path) -> {
                Path first = found.putIfAbsent(id, path);
                if (first != null) {
                    problems.add(id + ":1:1: template " + id + " comes from " + first.getParent().getFileName() + " and "
                            + owner.getFileName() + "; the first is used");
                }
            });
        }
        return found;
    }

    private static Map<String, Path> listFolders(Path directory) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // Editors and version control keep their own hidden folders next to real ones;
                // the shared blocks folder is no pack.
                if (!name.startsWith(".") && !name.equals(PackLoader.SHARED_BLOCKS)) {
                    found.put(name, entry);
                }
            }
        }
        return found;
    }

    /** What identifies the current content of each file under the folder (two levels) without reading it. */
    private static Map<String, FileStamp> stamps(Path folder) {
        Map<String, FileStamp> stamps = new HashMap<>();
        if (!Files.isDirectory(folder)) {
            return stamps;
        }
        try (Stream<Path> files = Files.walk(folder, 2)) {
            files.forEach(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        stamps.put(folder.relativize(file).toString().replace('\\', '/'),
                                new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
                    }
                } catch (IOException e) {
                    // Gone or unreadable between listing and reading: the load says which.
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // An unlistable folder loads as missing files, and the load reports them.
        }
        return stamps;
    }

    private Folder load(String id, Path path, Map<String, FileStamp> stamps, Folder previous) {
        PackLoader.Loaded loaded = loader.load(id, path);
        TemplatePack lastGood = previous == null ? null : previous.lastGood();
        if (loaded.problems().isEmpty()) {
            LOG.info("Loaded template {} from {}", id, path);
            return new Folder(stamps, loaded.pack(), List.of(), generation);
        }
        // Failed packs are retried on every scan: log only when what is wrong changes.
        if (previous == null || !previous.problems().equals(loaded.problems())) {
            LOG.warn("Template {} in {} did not load{}: {}", id, path,
                    lastGood == null ? "" : " (its previous version stays in use)", loaded.problems());
        }
        return new Folder(stamps, lastGood, loaded.problems(), generation);
    }

    private record Snapshot(Map<String, TemplatePack> packs, List<String> problems) {
    }

    private record FileStamp(FileTime modified, long size, Object fileKey) {
    }

    /**
     * One folder as last scanned.
     *
     * @param lastGood the pack that last loaded from it, or null if none ever did
     * @param problems why the current files did not load; empty when lastGood is the current version
     */
    private record Folder(Map<String, FileStamp> stamps, TemplatePack lastGood, List<String> problems, long generation) {
    }
}
