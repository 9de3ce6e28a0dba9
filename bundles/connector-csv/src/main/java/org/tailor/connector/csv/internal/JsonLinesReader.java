package org.tailor.connector.csv.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a JSON lines file ({@code .jsonl}, {@code .ndjson}): one JSON object per line, blank lines
 * skipped. Each line is parsed on its own with Jackson, so a malformed line is a rejection naming its
 * line and the parse error while the lines after it are still read; only one line is in memory at a
 * time, and a line longer than {@link CsvRows#MAX_RECORD_CHARS} is rejected without being held.
 */
final class JsonLinesReader implements RecordReader {

    static final String UNREADABLE = "unreadable JSON lines";

    // Exact decimals for totals and prices; a second value for one key or text after the object is an error, not a guess.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    // Jackson names the input in locations; the line is ours to name, the column is what helps.
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: .*?; line: \\d+, column: (\\d+)\\]");

    private final TextLines lines;
    private final JsonFields fields;

    private JsonLinesReader(TextLines lines, JsonFields fields) {
        this.lines = lines;
        this.fields = fields;
    }

    static JsonLinesReader open(Path file, FileKind kind, ColumnMapping mapping) throws IOException {
        return new JsonLinesReader(new TextLines(new Utf8Reader(Files.newInputStream(file)), (int) CsvRows.MAX_RECORD_CHARS),
                new JsonFields(kind, mapping));
    }

    @Override
    public ReadRecord next() throws IOException, MalformedFileException {
        while (true) {
            TextLines.Line line;
            try {
                line = lines.next();
            } catch (CharacterCodingException e) {
                throw new MalformedFileException(lines.nextNumber(), UNREADABLE, "the file is not valid UTF-8 at or after"
                        + " this line; save it as UTF-8");
            }
            if (line == null) {
                return null;
            }
            if (line.text() == null) {
                return rejected(line.number(), "the line is longer than " + CsvRows.MAX_RECORD_CHARS + " characters");
            }
            if (!line.text().isBlank()) {
                return parse(line);
            }
        }
    }

    private ReadRecord parse(TextLines.Line line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line.text());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String column = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
            String message = SOURCE_LOCATION.matcher(e.getOriginalMessage()).replaceAll("column $1").replaceAll("\\s+", " ");
            return rejected(line.number(), "not valid JSON" + column + ": " + message);
        }
        if (!node.isObject()) {
            return rejected(line.number(), "the line must hold one JSON object {...}, not " + JsonFields.describe(node));
        }
        return fields.toRecord(line.number(), node);
    }

    private static ReadRecord rejected(long line, String reason) {
        return new ReadRecord(line, Map.of(), List.of(new LineViolation(line, CsvRecordReader.WHOLE_ROW, reason)));
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
