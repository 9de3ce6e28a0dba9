package org.tailor.connector.csv.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The rejected rows of one input file as CSV ({@code line,field,reason}, one row per violation).
 * Written to a hidden temporary file that is only renamed into place once the input is finished, so
 * a rejects file is always complete; nothing is created for a file without rejects.
 */
final class RejectsFile implements Closeable {

    static final String[] HEADER = {"line", "field", "reason"};

    private final Path directory;
    private final String base;
    private Path temp;
    private FileChannel channel;
    private CSVPrinter printer;
    private long rows;

    RejectsFile(Path directory, String base) {
        this.directory = directory;
        this.base = base;
    }

    void add(String line, String field, String reason) throws IOException {
        if (printer == null) {
            temp = TempFiles.create(directory, base + ".rejects");
            channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8);
            printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
        }
        printer.printRecord(line, field, reason);
        rows++;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** Makes the rejects durable under {@code target}; does nothing if there were none. */
    void commit(Path target) throws IOException {
        if (printer == null) {
            return;
        }
        printer.flush();
        channel.force(true);
        printer.close();
        printer = null;
        Files.move(temp, target);
        temp = null;
    }

    /** Throws the rejects away unless committed: the input will be imported again and written anew. */
    @Override
    public void close() throws IOException {
        try {
            if (printer != null) {
                printer.close();
            }
        } finally {
            printer = null;
            if (temp != null) {
                Files.deleteIfExists(temp);
                temp = null;
            }
        }
    }
}
