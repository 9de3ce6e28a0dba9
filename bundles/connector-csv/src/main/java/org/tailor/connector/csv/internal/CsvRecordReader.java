package org.tailor.connector.csv.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file's records: checks the header row (after mapping column names to fields), then
 * turns each row into header field → trimmed value, empty cells left out. An orders file with
 * line item columns is read through {@link OrderGroups}, one record per order.
 */
final class CsvRecordReader implements RecordReader {

    /** The field a violation names when it concerns the row as a whole. */
    static final String WHOLE_ROW = "*";

    private final CsvRows rows;
    private final List<FileKind.Column> header;

    private CsvRecordReader(CsvRows rows, List<FileKind.Column> header) {
        this.rows = rows;
        this.header = header;
    }

    /**
     * Opens the file and reads its header row.
     *
     * @throws HeaderRejectedException if the header is wrong for the kind of file; the file is closed
     */
    static RecordReader open(Path file, FileKind kind, ColumnMapping mapping) throws IOException, HeaderRejectedException {
        CsvRows rows = CsvRows.open(file);
        try {
            List<FileKind.Column> header = readHeader(rows, kind, mapping);
            CsvRecordReader reader = new CsvRecordReader(rows, header);
            boolean hasItems = header.stream().anyMatch(c -> !c.isIgnored() && FileKind.ITEM_COLUMNS.contains(c.target()));
            return kind == FileKind.ORDERS && hasItems ? new OrderGroups(reader) : reader;
        } catch (HeaderRejectedException | IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private static List<FileKind.Column> readHeader(CsvRows rows, FileKind kind, ColumnMapping mapping)
            throws IOException, HeaderRejectedException {
        CsvRows.Row headerRow;
        try {
            headerRow = rows.next();
        } catch (MalformedFileException e) {
            throw new HeaderRejectedException(e.line(), List.of(new FileKind.HeaderProblem("(header)",
                    "the header row cannot be read: " + e.reason())));
        }
        if (headerRow == null || headerRow.isBlank()) {
            throw new HeaderRejectedException(1, List.of(new FileKind.HeaderProblem("(header)", headerRow == null
                    ? "the file is empty; the first line must be the header row naming the columns"
                    : "the first line is empty; it must be the header row naming the columns")));
        }
        List<FileKind.Column> header = new ArrayList<>();
        for (String cell : headerRow.values()) {
            String source = cell.trim();
            header.add(new FileKind.Column(source, source.isEmpty() ? "" : mapping.target(kind, source)));
        }
        List<FileKind.HeaderProblem> problems = kind.check(header);
        if (!problems.isEmpty()) {
            throw new HeaderRejectedException(headerRow.line(), problems);
        }
        return header;
    }

    @Override
    public ReadRecord next() throws IOException, MalformedFileException {
        while (true) {
            CsvRows.Row row = rows.next();
            if (row == null) {
                return null;
            }
            // Spreadsheets write rows of empty cells for rows that were cleared; there is nothing in them to import.
            if (!row.isBlank()) {
                return toRecord(row);
            }
        }
    }

    /** Field to trimmed value, empty cells left out; values the header has no name for are violations. */
    private ReadRecord toRecord(CsvRows.Row row) {
        List<String> values = row.values();
        List<LineViolation> violations = new ArrayList<>();
        Map<String, Object> fields = new LinkedHashMap<>();
        int beyondHeader = 0;
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).trim();
            if (value.isEmpty()) {
                continue;
            }
            if (i >= header.size()) {
                beyondHeader++;
                continue;
            }
            FileKind.Column column = header.get(i);
            if (column.isIgnored()) {
                continue;
            }
            if (column.target().isEmpty()) {
                violations.add(new LineViolation(row.line(), WHOLE_ROW, "column " + (i + 1)
                        + " has a value but no name in the header row"));
            } else {
                fields.put(column.target(), value);
            }
        }
        if (beyondHeader > 0) {
            violations.add(new LineViolation(row.line(), WHOLE_ROW, "the line has " + values.size()
                    + " values but the header row has " + header.size() + " columns"));
        }
        return new ReadRecord(row.line(), fields, violations);
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }
}
