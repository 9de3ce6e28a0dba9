package org.tailor.runtime.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;

/**
 * Writes each message to {@code <directory>/<campaignId>/<idempotencyKey>.eml}. A file appears
 * complete or not at all (written aside, synced, then renamed), and a key that already has a
 * file is not written again, so redelivery after a crash never makes a duplicate.
 */
@Component(service = Transport.class, configurationPid = "org.tailor.runtime.transport.file",
        property = Transport.NAME_PROPERTY + "=file")
@Designate(ocd = FileTransportConfig.class)
public class FileTransport implements Transport {

    /** Names that are safe as a single path segment: no separators, no dot-dot. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private final Path directory;

    @Activate
    public FileTransport(FileTransportConfig config) {
        this.directory = KarafPaths.underData(config.directory(), "outbox");
    }

    Path directory() {
        return directory;
    }

    @Override
    public void deliver(OutboxEntry entry) throws TransportException {
        if (!SAFE_NAME.matcher(entry.campaignId()).matches() || !SAFE_NAME.matcher(entry.idempotencyKey()).matches()) {
            throw new TransportException("campaign id or idempotency key is not a safe file name", true, null);
        }
        Path folder = directory.resolve(entry.campaignId());
        Path target = folder.resolve(entry.idempotencyKey() + ".eml");
        if (Files.exists(target)) {
            return;
        }
        Path temp = null;
        try {
            Files.createDirectories(folder);
            // A leading dot keeps pickup tools that watch for *.eml from reading a half-written file.
            temp = Files.createTempFile(folder, "." + entry.idempotencyKey(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(entry.mime());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.exists(target)) {
                return;
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            syncDirectory(folder);
        } catch (IOException e) {
            throw new TransportException("cannot write " + target + ": " + e, false, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // A stray hidden temp file is harmless; the entry stays pending and is retried.
                }
            }
        }
    }

    /** Makes the rename itself durable where the platform allows syncing a directory. */
    private static void syncDirectory(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not possible on every platform (Windows); the file itself is already synced.
        }
    }
}
