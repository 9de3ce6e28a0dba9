package org.tailor.runtime.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.tailor.api.consent.ErasureParticipant;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;

/**
 * Writes each message to {@code <directory>/<campaignId>/<idempotencyKey>.eml}. A file appears
 * complete or not at all (written aside, synced, then renamed), and a key that already has a
 * file is not written again, so redelivery after a crash never makes a duplicate.
 */
@Component(service = {Transport.class, ErasureParticipant.class}, configurationPid = "org.tailor.runtime.transport.file",
        property = Transport.NAME_PROPERTY + "=file")
@Designate(ocd = FileTransportConfig.class)
public class FileTransport implements Transport, ErasureParticipant {

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

    @Override
    public String name() {
        return "file-transport";
    }

    /**
     * Deletes every written message addressed to one of the person's addresses. The file names are
     * hashes, so each file's header is read: only the header, never the body.
     */
    @Override
    public long erase(Set<String> profileIds, Set<String> addresses) {
        if (addresses.isEmpty() || !Files.isDirectory(directory)) {
            return 0;
        }
        long erased = 0;
        try (Stream<Path> files = Files.walk(directory, 2)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().endsWith(".eml"))::iterator) {
                if (addressedTo(file, addresses)) {
                    Files.deleteIfExists(file);
                    erased++;
                }
            }
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("cannot erase messages in " + directory + ": " + e.getMessage(), e);
        }
        return erased;
    }

    private static boolean addressedTo(Path file, Set<String> addresses) throws IOException, MessagingException {
        InternetHeaders headers;
        try (InputStream in = Files.newInputStream(file)) {
            headers = new InternetHeaders(in);
        }
        for (String name : new String[] {"To", "Cc", "Bcc"}) {
            String value = headers.getHeader(name, ",");
            if (value == null) {
                continue;
            }
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                if (address.getAddress() != null && addresses.contains(address.getAddress().toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
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
