package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/**
 * Imports one claimed file, CSV or JSON lines: hands each record to the sink as it is read (never
 * the whole file in memory) and writes every rejected record, with its reasons, to the rejects file.
 */
final class FileImporter {

    /** Records per hand-over to ingest: large enough to save round trips, small enough to redo cheaply after a failure. */
    static final int BATCH_SIZE = 500;

    private final RecordSink sink;
    private final ImportCounters counters;
    private final ColumnMapping mapping;

    FileImporter(RecordSink sink, ImportCounters counters, ColumnMapping mapping) {
        this.sink = sink;
        this.counters = counters;
        this.mapping = mapping;
    }

    /**
     * @throws IOException if the file cannot be read or the rejects not written; the file stays claimed
     * @throws SinkFailedException if the sink threw; the file stays claimed and is imported again later
     * @throws InterruptedException if the polling thread was interrupted (the connector is stopping)
     */
    Outcome importFile(Path file, FileKind kind, FileFormat format, RejectsFile rejects)
            throws IOException, SinkFailedException, InterruptedException {
        String source = file.getFileName().toString();
        RecordReader reader;
        try {
            reader = format == FileFormat.CSV ? CsvRecordReader.open(file, kind, mapping)
                    : JsonLinesReader.open(file, kind, mapping);
        } catch (HeaderRejectedException e) {
            return new HeaderRejected(e.line(), e.problems());
        }
        try (reader) {
            return importRecords(reader, source, kind, rejects);
        }
    }

    private Imported importRecords(RecordReader reader, String source, FileKind kind, RejectsFile rejects)
            throws IOException, SinkFailedException, InterruptedException {
        Tally tally = new Tally();
        List<RecordReader.ReadRecord> batch = new ArrayList<>(BATCH_SIZE);
        while (true) {
            RecordReader.ReadRecord record;
            try {
                record = reader.next();
            } catch (MalformedFileException e) {
                handOver(batch, source, kind, rejects, tally);
                rejects.add(Long.toString(e.line()), CsvRecordReader.WHOLE_ROW,
                        e.what() + ", so nothing from this line on was imported: " + e.reason());
                counters.rejected(1);
                return new Imported(tally.accepted, tally.rejected + 1, Optional.of(e));
            }
            if (record == null) {
                handOver(batch, source, kind, rejects, tally);
                return new Imported(tally.accepted, tally.rejected, Optional.empty());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped before line " + record.line());
            }
            if (record.violations().isEmpty()) {
                batch.add(record);
                if (batch.size() == BATCH_SIZE) {
                    handOver(batch, source, kind, rejects, tally);
                }
            } else {
                // Keep the rejects file in line order: what was read before this line goes first.
                handOver(batch, source, kind, rejects, tally);
                count(record.violations(), rejects, tally);
            }
        }
    }

    /** Hands the batch to the sink in one call (ingest stores it in a few round trips) and records each outcome. */
    private void handOver(List<RecordReader.ReadRecord> batch, String source, FileKind kind, RejectsFile rejects, Tally tally)
            throws IOException, SinkFailedException {
        if (batch.isEmpty()) {
            return;
        }
        List<InboundRecord> records = new ArrayList<>(batch.size());
        for (RecordReader.ReadRecord record : batch) {
            records.add(new InboundRecord(source, Long.toString(record.line()), kind.recordKind(), record.fields()));
        }
        List<IngestResult> results;
        try {
            results = Objects.requireNonNull(sink.acceptAll(records), "the record sink returned no results");
            if (results.size() != records.size()) {
                throw new IllegalStateException("the record sink returned " + results.size() + " results for " + records.size() + " records");
            }
        } catch (RuntimeException e) {
            throw new SinkFailedException(source, batch.get(0).line(), batch.get(batch.size() - 1).line(), e);
        }
        for (int i = 0; i < batch.size(); i++) {
            List<RecordReader.LineViolation> violations = new ArrayList<>();
            for (Violation violation : results.get(i).violations()) {
                violations.add(new RecordReader.LineViolation(batch.get(i).line(), violation.field(), violation.reason()));
            }
            count(violations, rejects, tally);
        }
        batch.clear();
    }

    private void count(List<RecordReader.LineViolation> violations, RejectsFile rejects, Tally tally) throws IOException {
        if (violations.isEmpty()) {
            tally.accepted++;
            counters.accepted(1);
            return;
        }
        for (RecordReader.LineViolation violation : violations) {
            rejects.add(Long.toString(violation.line()), violation.field(), violation.reason());
        }
        tally.rejected++;
        counters.rejected(1);
    }

    /** Records accepted and rejected in the file so far. */
    private static final class Tally {
        long accepted;
        long rejected;
    }

    /** What became of a file. */
    sealed interface Outcome permits Imported, HeaderRejected {
    }

    /**
     * The records were imported (as far as they could be read).
     *
     * @param malformed where and why reading stopped early, if it did
     */
    record Imported(long accepted, long rejected, Optional<MalformedFileException> malformed) implements Outcome {
    }

    /** Nothing was imported because the header row is wrong for the kind of file. */
    record HeaderRejected(long line, List<FileKind.HeaderProblem> problems) implements Outcome {
    }

    /** The sink threw instead of answering; the record is neither stored nor rejected. */
    static final class SinkFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        SinkFailedException(String file, long firstLine, long lastLine, RuntimeException cause) {
            super("the import of " + file + " stopped at lines " + firstLine + " to " + lastLine
                    + " because the records could not be stored ("
                    + cause + "); the file stays in processing/ and is imported again from the start", cause);
        }
    }
}
