package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/**
 * Imports one claimed CSV file: checks its header, then hands each row to the sink as it is read
 * (never the whole file in memory) and writes every rejected row, with its reasons, to the rejects file.
 */
final class CsvFileImporter {

    /** The field a violation names when it concerns the row as a whole. */
    static final String WHOLE_ROW = "*";

    private final RecordSink sink;
    private final ImportCounters counters;

    CsvFileImporter(RecordSink sink, ImportCounters counters) {
        this.sink = sink;
        this.counters = counters;
    }

    /**
     * @throws IOException if the file cannot be read or the rejects not written; the file stays claimed
     * @throws SinkFailedException if the sink threw; the file stays claimed and is imported again later
     * @throws InterruptedException if the polling thread was interrupted (the connector is stopping)
     */
    Outcome importFile(Path file, CsvKind kind, RejectsFile rejects)
            throws IOException, SinkFailedException, InterruptedException {
        String source = file.getFileName().toString();
        try (CsvRows rows = CsvRows.open(file)) {
            CsvRows.Row headerRow;
            try {
                headerRow = rows.next();
            } catch (CsvRows.MalformedCsvException e) {
                return new HeaderRejected(e.line(), List.of(new CsvKind.HeaderProblem("(header)",
                        "the header row cannot be read: " + e.reason())));
            }
            if (headerRow == null || headerRow.isBlank()) {
                return new HeaderRejected(1, List.of(new CsvKind.HeaderProblem("(header)", headerRow == null
                        ? "the file is empty; the first line must be the header row naming the columns"
                        : "the first line is empty; it must be the header row naming the columns")));
            }
            List<String> header = headerRow.values().stream().map(String::trim).toList();
            List<CsvKind.HeaderProblem> problems = kind.check(header);
            if (!problems.isEmpty()) {
                return new HeaderRejected(headerRow.line(), problems);
            }
            return importRows(rows, header, source, kind, rejects);
        }
    }

    private Imported importRows(CsvRows rows, List<String> header, String source, CsvKind kind, RejectsFile rejects)
            throws IOException, SinkFailedException, InterruptedException {
        long accepted = 0;
        long rejected = 0;
        while (true) {
            CsvRows.Row row;
            try {
                row = rows.next();
            } catch (CsvRows.MalformedCsvException e) {
                rejects.add(Long.toString(e.line()), WHOLE_ROW,
                        "malformed CSV, so nothing from this line on was imported: " + e.reason());
                counters.rejected(1);
                return new Imported(accepted, rejected + 1, Optional.of(e));
            }
            if (row == null) {
                return new Imported(accepted, rejected, Optional.empty());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped before line " + row.line());
            }
            // Spreadsheets write rows of empty cells for rows that were cleared; there is nothing in them to import.
            if (row.isBlank()) {
                continue;
            }
            String line = Long.toString(row.line());
            List<Violation> violations = new ArrayList<>();
            Map<String, Object> fields = toFields(header, row.values(), violations);
            if (violations.isEmpty()) {
                IngestResult result;
                try {
                    result = Objects.requireNonNull(sink.accept(new InboundRecord(source, line, kind.recordKind(), fields)),
                            "the record sink returned no result");
                } catch (RuntimeException e) {
                    throw new SinkFailedException(source, row.line(), e);
                }
                violations.addAll(result.violations());
            }
            if (violations.isEmpty()) {
                accepted++;
                counters.accepted(1);
            } else {
                for (Violation violation : violations) {
                    rejects.add(line, violation.field(), violation.reason());
                }
                rejected++;
                counters.rejected(1);
            }
        }
    }

    /** Header name to trimmed value, empty cells left out; values the header has no name for are violations. */
    private static Map<String, Object> toFields(List<String> header, List<String> values, List<Violation> violations) {
        Map<String, Object> fields = new LinkedHashMap<>();
        int beyondHeader = 0;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).trim();
            if (value.isEmpty()) {
                continue;
            }
            if (i >= header.size()) {
                beyondHeader++;
            } else if (header.get(i).isEmpty()) {
                violations.add(new Violation(WHOLE_ROW, "column " + (i + 1) + " has a value but no name in the header row"));
            } else {
                fields.put(header.get(i), value);
            }
        }
        if (beyondHeader > 0) {
            violations.add(new Violation(WHOLE_ROW, "the line has " + values.size() + " values but the header row has "
                    + header.size() + " columns"));
        }
        return fields;
    }

    /** What became of a file. */
    sealed interface Outcome permits Imported, HeaderRejected {
    }

    /**
     * The rows were imported (as far as they could be read).
     *
     * @param malformed where and why reading stopped early, if it did
     */
    record Imported(long accepted, long rejected, Optional<CsvRows.MalformedCsvException> malformed) implements Outcome {
    }

    /** Nothing was imported because the header row is wrong for the kind of file. */
    record HeaderRejected(long line, List<CsvKind.HeaderProblem> problems) implements Outcome {
    }

    /** The sink threw instead of answering; the row is neither stored nor rejected. */
    static final class SinkFailedException extends Exception {

        private static final long serialVersionUID = 1L;

        SinkFailedException(String file, long line, RuntimeException cause) {
            super("the import of " + file + " stopped at line " + line + " because the record could not be stored ("
                    + cause + "); the file stays in processing/ and is imported again from the start", cause);
        }
    }
}
