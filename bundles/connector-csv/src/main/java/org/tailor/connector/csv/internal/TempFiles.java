package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hidden temporary files next to their final place, renamed into place when complete.
 * Not {@link Files#createTempFile}: that makes owner-only files, and an admin reading done/ and
 * failed/ is not necessarily the user Karaf runs as.
 */
final class TempFiles {

    static final String SUFFIX = ".tmp";

    private TempFiles() {
    }

    /** Creates a new empty file named {@code .<stem>-<random>.tmp} in {@code directory}. */
    static Path create(Path directory, String stem) throws IOException {
        while (true) {
            Path temp = directory.resolve("." + stem + "-" + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // Astronomically unlikely; pick another name.
            }
        }
    }

    /** True for a temporary file this connector left behind (a crash between writing and renaming). */
    static boolean isOurs(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(SUFFIX) && (name.contains(".rejects-") || name.contains(".error-"));
    }
}
