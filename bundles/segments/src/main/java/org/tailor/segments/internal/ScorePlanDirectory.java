package org.tailor.segments.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.tailor.segments.internal.LocatedJson.Position;

/**
 * The scoring plans of one directory, one per {@code <id>.json} file whose {@code id} is its file
 * name, read afresh on every {@link #load()}: plans are read once per recompute, so there is
 * nothing to watch. Dot files (editor backups) and other names are ignored; a missing directory
 * holds no plans.
 */
final class ScorePlanDirectory {

    private static final String JSON = ".json";

    /** The plans that loaded, ordered by id, and one line per file that did not. */
    record Loaded(List<ScorePlan> plans, List<String> problems) {
        Loaded {
            plans = List.copyOf(plans);
            problems = List.copyOf(problems);
        }
    }

    private final Path directory;

    ScorePlanDirectory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    Path directory() {
        return directory;
    }

    Loaded load() {
        if (!Files.isDirectory(directory)) {
            return new Loaded(List.of(), List.of());
        }
        Map<String, Path> files = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                String name = path.getFileName().toString();
                if (!name.startsWith(".") && name.endsWith(JSON) && Files.isRegularFile(path)) {
                    files.put(name, path);
                }
            }
        } catch (IOException e) {
            return new Loaded(List.of(), List.of(directory + ":1:1: cannot list the scoring plan directory: " + e));
        }
        List<ScorePlan> plans = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        files.forEach((name, path) -> {
            try {
                plans.add(read(name, path));
            } catch (SegmentFileException e) {
                problems.add(e.getMessage());
            }
        });
        return new Loaded(plans, problems);
    }

    private static ScorePlan read(String name, Path path) throws SegmentFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SegmentFileException(name, new Position(1, 1), "cannot read the file: " + e);
        }
        ScorePlanParser.ParsedPlan parsed = ScorePlanParser.parse(name, StrictUtf8.decode(name, content));
        String expected = name.substring(0, name.length() - JSON.length());
        if (!parsed.plan().id().equals(expected)) {
            throw new SegmentFileException(name, parsed.idPosition(), "id '" + parsed.plan().id()
                    + "' does not match the file name; the file of plan '" + parsed.plan().id() + "' must be named "
                    + parsed.plan().id() + JSON);
        }
        return parsed.plan();
    }
}
