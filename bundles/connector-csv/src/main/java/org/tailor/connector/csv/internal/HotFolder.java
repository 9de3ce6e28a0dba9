package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The inbox and its sub-folders: {@code processing/} holds the one file being imported (claimed by an
 * atomic move, so a crash leaves it there to be imported again), {@code done/} the imported files and
 * their rejects, {@code failed/} files that could not be imported at all, each with an error file.
 * Nothing in done/ or failed/ is ever overwritten: a name already taken gets a timestamp suffix.
 */
final class HotFolder {

    static final String PROCESSING = "processing";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final String REJECTS_SUFFIX = ".rejects.csv";
    static final String ERROR_SUFFIX = ".error.txt";

    /** Names that upload tools, editors and spreadsheets use while a file is still being written. */
    private static final List<String> WORK_IN_PROGRESS_SUFFIXES =
            List.of(".tmp", ".temp", ".part", ".partial", ".filepart", ".crdownload", ".download", ".swp", "~");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Path inbox;
    private final Path processing;
    private final Path done;
    private final Path failed;

    HotFolder(Path inbox) {
        this.inbox = inbox;
        this.processing = inbox.resolve(PROCESSING);
        this.done = inbox.resolve(DONE);
        this.failed = inbox.resolve(FAILED);
    }

    Path inbox() {
        return inbox;
    }

    Path done() {
        return done;
    }

    void createDirectories() throws IOException {
        Files.createDirectories(processing);
        Files.createDirectories(done);
        Files.createDirectories(failed);
    }

    /** Deletes half-written rejects and error files a crash left in done/ and failed/; their inputs are re-run. */
    void removeAbandonedTempFiles() throws IOException {
        for (Path folder : List.of(done, failed)) {
            for (Path file : list(folder)) {
                if (TempFiles.isOurs(file)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Files in processing/, left there by a poll that did not finish. */
    List<Path> unfinished() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path file : list(processing)) {
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** Files waiting in the inbox, whether or not they are settled or have a name the connector takes. */
    List<Candidate> candidates() throws IOException {
        List<Candidate> candidates = new ArrayList<>();
        for (Path file : list(inbox)) {
            if (isCandidate(file)) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                    candidates.add(new Candidate(file, attributes.size(), attributes.lastModifiedTime()));
                } catch (IOException e) {
                    // Gone or renamed since it was listed; the next poll sees whatever is there then.
                }
            }
        }
        return candidates;
    }

    /** True when there is nothing to do: no unfinished file and no file waiting in the inbox. */
    boolean isIdle() throws IOException {
        if (!unfinished().isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> files = open(inbox)) {
            if (files == null) {
                return true;
            }
            for (Path file : files) {
                if (isCandidate(file)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Moves a settled file into processing/ in one atomic step, so that no other poll, and no crash,
     * can see it half claimed.
     *
     * @return the claimed file, or null if a file of that name is already being processed
     */
    Path claim(Path file) throws IOException {
        Path target = processing.resolve(file.getFileName());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The base name ({@code customers-2024} for {@code customers-2024.csv}) under which a finished file goes to done/. */
    String freeDoneBase(Path file, Instant now) {
        String name = file.getFileName().toString();
        String base = FileFormat.stripExtension(name);
        String extension = name.substring(base.length());
        String candidate = base;
        for (int attempt = 1; taken(done, candidate + extension) || taken(done, candidate + REJECTS_SUFFIX); attempt++) {
            candidate = base + "-" + STAMP.format(now) + (attempt == 1 ? "" : "-" + attempt);
        }
        return candidate;
    }

    /** Moves a finished file to done/ under the base name from {@link #freeDoneBase}. */
    Path moveToDone(Path file, String base) throws IOException {
        String name = file.getFileName().toString();
        String extension = name.substring(FileFormat.stripExtension(name).length());
        return Files.move(file, done.resolve(base + extension));
    }

    /**
     * Moves a file that cannot be imported to failed/ next to an error file that says why. The error
     * file is written first: a crash in between leaves the input where it was, to be tried again.
     *
     * @return the file's new place
     */
    Path moveToFailed(Path file, String error, Instant now) throws IOException {
        String name = file.getFileName().toString();
        String candidate = name;
        for (int attempt = 1; taken(failed, candidate) || taken(failed, candidate + ERROR_SUFFIX); attempt++) {
            String base = FileFormat.stripExtension(name);
            candidate = base + "-" + STAMP.format(now) + (attempt == 1 ? "" : "-" + attempt) + name.substring(base.length());
        }
        Path temp = TempFiles.create(failed, candidate + ".error");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(StandardCharsets.UTF_8.encode(error));
                channel.force(true);
            }
            Files.move(temp, failed.resolve(candidate + ERROR_SUFFIX));
        } finally {
            Files.deleteIfExists(temp);
        }
        return Files.move(file, failed.resolve(candidate));
    }

    private static boolean isCandidate(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") || name.startsWith("~$")) {
            // Hidden files and office lock files: temporary copies that tools rename or delete when done.
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (WORK_IN_PROGRESS_SUFFIXES.stream().anyMatch(lower::endsWith)) {
            return false;
        }
        return Files.isRegularFile(file);
    }

    private static boolean taken(Path folder, String name) {
        return Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }

    private static List<Path> list(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = open(folder)) {
            if (stream != null) {
                stream.forEach(files::add);
            }
        }
        files.sort(Comparator.comparing(path -> path.getFileName().toString()));
        return files;
    }

    /** The folder's entries, or null if it does not exist (yet). */
    private static DirectoryStream<Path> open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return null;
        }
        return Files.newDirectoryStream(folder);
    }

    /** A file waiting in the inbox, with what the settle check compares between polls. */
    record Candidate(Path file, long size, FileTime modified) {

        String name() {
            return file.getFileName().toString();
        }
    }
}
