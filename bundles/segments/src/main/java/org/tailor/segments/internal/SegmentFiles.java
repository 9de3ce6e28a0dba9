package org.tailor.segments.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates, replaces and deletes segment files on behalf of the console and the API, so that a
 * definition is checked before it is in force: a file that does not parse is never written, and
 * one that would close a cycle of references is taken back, leaving the previous definition live.
 */
final class SegmentFiles {

    private static final Pattern FILE_NAME = Pattern.compile("([a-z0-9][a-z0-9-]{0,63})\\.(json|seg)");

    private final SegmentRegistry registry;

    SegmentFiles(SegmentRegistry registry) {
        this.registry = registry;
    }

    /**
     * @return the segment as loaded from the new file
     * @throws IllegalArgumentException naming the file, line, column and reason when it does not load
     */
    LoadedSegment save(String fileName, String content) {
        var matcher = FILE_NAME.matcher(fileName == null ? "" : fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a segment file is named <id>.json or <id>.seg, with an id of 1 to 64"
                    + " lower-case letters, digits and '-': " + fileName);
        }
        String id = matcher.group(1);
        String other = id + (matcher.group(2).equals("json") ? ".seg" : ".json");
        if (Files.exists(registry.directory().resolve(other))) {
            throw new IllegalArgumentException("segment '" + id + "' is defined in " + other
                    + "; save the new version under that name, or delete the segment first");
        }
        Segment parsed;
        try {
            parsed = SegmentRegistry.parse(fileName, content.startsWith("\uFEFF") ? content.substring(1) : content).segment();
        } catch (SegmentFileException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path file = registry.directory().resolve(fileName);
        Optional<byte[]> previous = read(file);
        write(file, content.getBytes(StandardCharsets.UTF_8));
        registry.rescan();
        Optional<LoadedSegment> loaded = registry.segment(id);
        if (loaded.isPresent() && loaded.get().segment().equals(parsed)) {
            return loaded.get();
        }
        List<String> problems = registry.problems().stream().filter(p -> p.startsWith(fileName + ":")).toList();
        previous.ifPresentOrElse(bytes -> write(file, bytes), () -> delete(file));
        registry.rescan();
        throw new IllegalArgumentException(problems.isEmpty() ? fileName + ": did not load" : String.join("; ", problems));
    }

    /** Deletes the segment's file; false if it has none. */
    boolean delete(String id) {
        boolean deleted = false;
        for (String suffix : List.of(".json", ".seg")) {
            deleted |= delete(registry.directory().resolve(id + suffix));
        }
        registry.rescan();
        return deleted;
    }

    private static Optional<byte[]> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Under a dot name first (the registry ignores those) and then moved into place, so the reloader
     * never reads half a file. The size and time both change, so the next scan sees the new version.
     */
    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
