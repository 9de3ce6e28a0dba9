package org.tailor.content.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.velocity.Template;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The template packs in one folder, one sub-folder each, kept in step with the files by
 * {@link #rescan()}.
 *
 * <p>A pack is read and parsed again only when the modification time, size or identity of one of
 * its files changed (or a file appeared or went). A pack whose files fail to load keeps its last
 * good version live, and its problems are reported until the files are fixed; a pack whose folder
 * disappears is dropped. Readers see an immutable snapshot, so a render never mixes two versions
 * of a pack.
 */
final class TemplateLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateLibrary.class);
    private static final Pattern TEMPLATE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final long MAX_FILE_BYTES = 1_000_000L;

    private final Path directory;
    private final SandboxedVelocity velocity;

    /** Guarded by this: what each folder held at the last scan and what loading it gave. */
    private final Map<String, Folder> folders = new HashMap<>();

    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    TemplateLibrary(Path directory, SandboxedVelocity velocity) {
        this.directory = directory;
        this.velocity = velocity;
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

    /** Reloads changed folders, loads new ones and drops deleted ones. */
    synchronized void rescan() {
        Map<String, Path> found;
        try {
            found = listFolders();
        } catch (IOException e) {
            // Keep what is live rather than dropping every pack over a listing that failed once.
            LOG.warn("Cannot list template folder {}: {}", directory, e.toString());
            snapshot = new Snapshot(snapshot.packs(),
                    List.of(directory + ":1:1: cannot list the template folder: " + e));
            return;
        }
        folders.keySet().retainAll(found.keySet());
        Map<String, TemplatePack> packs = new HashMap<>();
        List<String> problems = new ArrayList<>();
        found.forEach((id, path) -> {
            if (!TEMPLATE_ID.matcher(id).matches()) {
                problems.add(id + ":1:1: a template folder name must be letters, digits, '.', '_' or '-' "
                        + "(at most 128) and start with a letter or digit; this folder is ignored");
                return;
            }
            Map<TemplatePart, FileStamp> stamps = stamps(path);
            Folder previous = folders.get(id);
            Folder folder = previous != null && previous.stamps().equals(stamps)
                    ? previous
                    : load(id, path, stamps, previous == null ? null : previous.lastGood());
            folders.put(id, folder);
            if (folder.lastGood() != null) {
                packs.put(id, folder.lastGood());
            }
            problems.addAll(folder.problems());
        });
        snapshot = new Snapshot(Map.copyOf(packs), List.copyOf(problems));
    }

    private Map<String, Path> listFolders() throws IOException {
        Map<String, Path> found = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                // Editors and version control keep their own hidden folders next to real ones.
                if (!name.startsWith(".")) {
                    found.put(name, entry);
                }
            }
        }
        return found;
    }

    /** What identifies the current content of each file without reading it; absent files have none. */
    private static Map<TemplatePart, FileStamp> stamps(Path folder) {
        Map<TemplatePart, FileStamp> stamps = new EnumMap<>(TemplatePart.class);
        for (TemplatePart part : TemplatePart.values()) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(folder.resolve(part.fileName()),
                        BasicFileAttributes.class);
                stamps.put(part, new FileStamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey()));
            } catch (IOException e) {
                // Missing or unreadable: load() reads the file and says which.
            }
        }
        return stamps;
    }

    private Folder load(String id, Path path, Map<TemplatePart, FileStamp> stamps, TemplatePack lastGood) {
        Map<TemplatePart, Template> parsed = new EnumMap<>(TemplatePart.class);
        List<String> problems = new ArrayList<>();
        for (TemplatePart part : TemplatePart.values()) {
            String file = id + "/" + part.fileName();
            try {
                Optional<String> source = read(path.resolve(part.fileName()), part.required());
                if (source.isPresent()) {
                    parsed.put(part, velocity.compile(file, source.get()));
                }
            } catch (TemplateSyntaxException e) {
                problems.add(e.getMessage());
            } catch (CharacterCodingException e) {
                problems.add(file + ":1:1: the file is not UTF-8 text");
            } catch (NoSuchFileException e) {
                problems.add(file + ":1:1: required file is missing");
            } catch (TooLarge e) {
                problems.add(file + ":1:1: " + e.getMessage());
            } catch (IOException e) {
                problems.add(file + ":1:1: cannot read the file: " + e);
            }
        }
        if (problems.isEmpty()) {
            LOG.info("Loaded template {} from {}", id, path);
            return new Folder(stamps, TemplatePack.of(id, parsed), List.of());
        }
        LOG.warn("Template {} in {} did not load{}: {}", id, path,
                lastGood == null ? "" : " (its previous version stays in use)", problems);
        return new Folder(stamps, lastGood, List.copyOf(problems));
    }

    /** The file's text; empty when an optional file is absent. */
    private static Optional<String> read(Path file, boolean required) throws IOException {
        if (!required && !Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new TooLarge("the file is larger than " + MAX_FILE_BYTES + " bytes");
        }
        String text = Files.readString(file);
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(String reason) {
            super(reason);
        }
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
    private record Folder(Map<TemplatePart, FileStamp> stamps, TemplatePack lastGood, List<String> problems) {
    }
}
