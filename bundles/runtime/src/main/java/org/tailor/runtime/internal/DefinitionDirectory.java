package org.tailor.runtime.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code *.json} definition files of one directory, re-read on every {@link #scan()}. A file
 * that breaks keeps serving the version that last loaded from it, so a typo saved in an editor
 * never takes a live definition away; its problem is reported with file, line and column.
 *
 * <p>Thread safe: {@link #scan()} publishes an immutable snapshot that readers see whole.
 *
 * @param <T> the definition type
 */
final class DefinitionDirectory<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionDirectory.class);

    /** Reads one file. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(Path file) throws LocatedJson.InvalidFile;
    }

    private record Snapshot<T>(Map<String, T> byId, List<String> problems) {
    }

    private final Path directory;
    private final String kind;
    private final Parser<T> parser;
    private final Function<T, String> id;
    /** The last good definition per file; only scan() touches it. */
    private final Map<Path, T> lastGood = new HashMap<>();
    private volatile Snapshot<T> snapshot = new Snapshot<>(Map.of(), List.of());

    /** @param kind what the files define, for messages: {@code trigger} */
    DefinitionDirectory(Path directory, String kind, Parser<T> parser, Function<T, String> id) {
        this.directory = directory;
        this.kind = kind;
        this.parser = parser;
        this.id = id;
    }

    Path directory() {
        return directory;
    }

    /** Every loaded definition, by id. */
    Map<String, T> byId() {
        return snapshot.byId();
    }

    Optional<T> find(String definitionId) {
        return Optional.ofNullable(snapshot.byId().get(definitionId));
    }

    /** One line per file that failed to load (or lost to a duplicate id); never null. */
    List<String> problems() {
        return snapshot.problems();
    }

    /** Reads the directory again and publishes what loaded. */
    synchronized void scan() {
        List<Path> files;
        try {
            files = jsonFiles();
        } catch (IOException e) {
            // A directory we cannot read right now is no reason to forget the definitions we have.
            snapshot = new Snapshot<>(snapshot.byId(), List.of(directory + ":1:1: cannot list " + kind + " files: " + e));
            LOG.warn("Cannot list {} files in {}: {}", kind, directory, e.toString());
            return;
        }
        List<String> problems = new ArrayList<>();
        TreeMap<Path, T> current = new TreeMap<>();
        for (Path file : files) {
            try {
                T loaded = parser.parse(file);
                lastGood.put(file, loaded);
                current.put(file, loaded);
            } catch (LocatedJson.InvalidFile e) {
                problems.add(e.getMessage());
                T previous = lastGood.get(file);
                if (previous != null) {
                    current.put(file, previous);
                }
            }
        }
        lastGood.keySet().retainAll(current.keySet());

        Map<String, T> byId = new LinkedHashMap<>();
        Map<String, Path> origins = new HashMap<>();
        current.forEach((file, definition) -> {
            String definitionId = id.apply(definition);
            if (byId.putIfAbsent(definitionId, definition) == null) {
                origins.put(definitionId, file);
            } else {
                problems.add(file + ":1:1: field 'id': " + kind + " '" + definitionId + "' is already defined in "
                        + origins.get(definitionId) + "; this file is ignored");
            }
        });
        Snapshot<T> previous = snapshot;
        snapshot = new Snapshot<>(Map.copyOf(byId), List.copyOf(problems));
        if (!previous.problems().equals(snapshot.problems())) {
            problems.forEach(p -> LOG.warn("{} definition not loaded: {}", kind, p));
        }
        if (!previous.byId().equals(snapshot.byId())) {
            LOG.info("{}s loaded from {}: {}", kind, directory, new java.util.TreeSet<>(byId.keySet()));
        }
    }

    private List<Path> jsonFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }
}
