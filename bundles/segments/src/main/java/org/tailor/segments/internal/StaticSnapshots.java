package org.tailor.segments.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.tailor.api.model.SegmentDefinition;

/**
 * Static segments: a segment's members frozen at one instant. The members are kept in the
 * membership store under the snapshot's id; this keeps what the snapshot is, as
 * {@code <id>.snapshot} in the segments directory, beside the rule files, so that a backup of the
 * directory holds every segment definition.
 */
final class StaticSnapshots {

    static final String SUFFIX = ".snapshot";

    private final Path directory;

    StaticSnapshots(Path directory) {
        this.directory = directory;
    }

    /** What a snapshot is: which segment, when, how many. */
    record Snapshot(String id, String of, String name, Instant at, long members) {

        SegmentDefinition definition(Path file) {
            return new SegmentDefinition(id, name, "Members of segment " + of + " at " + at + " (" + members
                    + " profiles); static", file.toString());
        }
    }

    Map<String, Snapshot> all() {
        Map<String, Snapshot> found = new TreeMap<>();
        forEachFile(file -> read(file).ifPresent(snapshot -> found.put(snapshot.id(), snapshot)));
        return found;
    }

    /** One line per {@code .snapshot} file that is not a complete snapshot, naming the file and what is wrong. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        forEachFile(file -> problem(file).ifPresent(reason -> problems.add(file.getFileName() + ":1:1: " + reason)));
        return problems;
    }

    private void forEachFile(Consumer<Path> visitor) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            files.forEach(visitor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list snapshots in " + directory, e);
        }
    }

    Optional<Snapshot> find(String id) {
        return read(file(id));
    }

    Path file(String id) {
        return directory.resolve(id + SUFFIX);
    }

    /** Written under a temporary name and moved into place, so a crash leaves no half file. */
    void write(Snapshot snapshot) {
        Properties properties = new Properties();
        properties.setProperty("of", snapshot.of());
        properties.setProperty("name", snapshot.name());
        properties.setProperty("at", snapshot.at().toString());
        properties.setProperty("members", Long.toString(snapshot.members()));
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve("." + snapshot.id() + SUFFIX + ".tmp");
            try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(out, "Tailor static segment: members are in the membership store");
            }
            Files.move(temporary, file(snapshot.id()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + snapshot.id() + " in " + directory, e);
        }
    }

    boolean delete(String id) {
        try {
            return Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete snapshot " + id + " in " + directory, e);
        }
    }

    /** A file that is not a complete snapshot (hand-edited, half restored) is not one; {@link #problems} says why. */
    private static Optional<Snapshot> read(Path file) {
        try {
            return Optional.of(parse(file));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> problem(Path file) {
        try {
            parse(file);
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            return Optional.of("not a static segment, so it is ignored: " + e.getMessage());
        }
    }

    private static Snapshot parse(Path file) throws IOException {
        String name = file.getFileName().toString();
        String id = name.substring(0, name.length() - SUFFIX.length());
        if (!Segment.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("the name must be a segment id and " + SUFFIX);
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        String at = properties.getProperty("at", "");
        String members = properties.getProperty("members", "");
        try {
            return new Snapshot(id, properties.getProperty("of", ""), properties.getProperty("name", id), Instant.parse(at),
                    Long.parseLong(members));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'at' must be an instant such as 2026-01-01T00:00:00Z, got '" + at + "'", e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'members' must be a whole number, got '" + members + "'", e);
        }
    }
}
