package org.tailor.connector.csv.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a CSV file one record at a time, with the physical line each record starts on. Accepts what
 * spreadsheets write: RFC 4180 quoting (commas, quotes and line breaks inside quoted fields), CRLF or
 * LF line ends and a leading UTF-8 byte order mark. Bytes that are not UTF-8 are an error rather than
 * silently replaced characters.
 */
final class CsvRows implements Closeable {

    /** What a CSV file that cannot be parsed on is, in rejects files. */
    static final String MALFORMED = "malformed CSV";

    /** Longest record accepted, in characters. */
    static final long MAX_RECORD_CHARS = 1 << 20;

    // Empty lines are kept as records so that the line count stays exact; callers skip blank rows.
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final RecordLengthGuard guard;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;

    private CsvRows(RecordLengthGuard guard, CSVParser parser) {
        this.guard = guard;
        this.parser = parser;
        this.records = parser.iterator();
    }

    /** Opens the file without reading from it yet: every problem with its content surfaces from {@link #next}. */
    static CsvRows open(Path file) throws IOException {
        Reader reader = new Utf8Reader(Files.newInputStream(file));
        try {
            RecordLengthGuard guard = new RecordLengthGuard(reader, MAX_RECORD_CHARS);
            return new CsvRows(guard, FORMAT.parse(guard));
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * The next record, or null at the end of the file.
     *
     * @throws MalformedFileException if the file cannot be read on from here; no further rows can be read
     * @throws IOException if the file itself cannot be read
     */
    Row next() throws IOException, MalformedFileException {
        long line = parser.getCurrentLineNumber() + 1;
        guard.nextRecord();
        try {
            if (!records.hasNext()) {
                return null;
            }
            return new Row(line, records.next().toList());
        } catch (UncheckedIOException e) {
            throw malformedOrRethrow(e.getCause(), line);
        } catch (IllegalStateException e) {
            // Commons CSV reports some syntax errors this way rather than as CSVException.
            throw new MalformedFileException(line, MALFORMED, describe(e));
        }
    }

    private static MalformedFileException malformedOrRethrow(IOException cause, long line) throws IOException {
        if (cause instanceof CharacterCodingException) {
            return new MalformedFileException(line, MALFORMED, "the file is not valid UTF-8 at or after this line; save it as"
                    + " \"CSV UTF-8\"");
        }
        if (cause instanceof CSVException || cause instanceof RecordLengthGuard.RecordTooLongException) {
            return new MalformedFileException(line, MALFORMED, describe(cause));
        }
        throw cause;
    }

    /** Commons CSV's message without its own "(startline n)" prefix, since we name the line ourselves. */
    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceFirst("^\\(?(start)?line \\d+\\)?\\s*", "");
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** One record as read: the line it starts on and its raw values. */
    record Row(long line, List<String> values) {

        boolean isBlank() {
            return values.stream().allMatch(String::isBlank);
        }
    }
}
