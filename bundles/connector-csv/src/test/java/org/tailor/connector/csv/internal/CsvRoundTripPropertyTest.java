package org.tailor.connector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.osgi.util.converter.Converters;
import org.tailor.api.ingest.InboundRecord;

/**
 * Whatever a standard CSV writer (Commons CSV's printer, as spreadsheets and exports quote) makes of
 * customer rows, the hot folder reads back as the same fields, on the line each row starts on.
 */
class CsvRoundTripPropertyTest {

    static final String[] COLUMNS = {"customer_id", "email", "first_name", "last_name", "city", "attributes.note"};

    @Property(tries = 200)
    void printedCustomerRowsReadBackAsTheSameFields(@ForAll("customerRows") List<List<String>> rows,
                                                    @ForAll boolean excelStyle) throws Exception {
        Path inbox = Files.createTempDirectory("csv-roundtrip");
        try {
            Files.write(inbox.resolve("customers.csv"), print(rows, excelStyle));
            FakeSink sink = new FakeSink();

            connector(inbox).poll(sink);

            assertThat(sink.rejected).isEmpty();
            assertThat(sink.acceptedFields()).isEqualTo(expectedFields(rows));
            assertThat(sink.acceptedPositions()).isEqualTo(expectedLines(rows));
            assertThat(sink.accepted).extracting(InboundRecord::source).containsOnly("customers.csv");
        } finally {
            deleteRecursively(inbox);
        }
    }

    @Provide
    Arbitrary<List<List<String>>> customerRows() {
        Arbitrary<String> value = Arbitraries.oneOf(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                        Arbitraries.of(",", "\"", "\"\"", "\r\n", "\n", "\r", " ", "\t", ";", "'", "#", "é", "ß", "Łódź",
                                "中文", "😀", "\u00A0", "\uFEFF", "=1+2"))
                .list().ofMaxSize(6).map(pieces -> String.join("", pieces));
        Arbitrary<String> email = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8)
                .map(local -> local + "@example.com");
        Arbitrary<List<String>> others = value.list().ofSize(COLUMNS.length - 2);
        return Combinators.combine(email, others).as((address, rest) -> {
                    List<String> row = new ArrayList<>();
                    row.add(null); // customer id, numbered below
                    row.add(address);
                    row.addAll(rest);
                    return row;
                })
                .list().ofMinSize(1).ofMaxSize(20)
                .map(list -> {
                    for (int i = 0; i < list.size(); i++) {
                        list.get(i).set(0, "C" + (i + 1));
                    }
                    return list;
                });
    }

    private static byte[] print(List<List<String>> rows, boolean excelStyle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (excelStyle) {
            bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(COLUMNS)
                .setRecordSeparator(excelStyle ? "\r\n" : "\n").get();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), format)) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return bytes.toByteArray();
    }

    private static List<Map<String, Object>> expectedFields(List<List<String>> rows) {
        List<Map<String, Object>> expected = new ArrayList<>();
        for (List<String> row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < COLUMNS.length; i++) {
                String value = row.get(i).trim();
                if (!value.isEmpty()) {
                    fields.put(COLUMNS[i], value);
                }
            }
            expected.add(fields);
        }
        return expected;
    }

    /** Line 1 is the header; a row starts after all the line breaks of the rows before it. */
    private static List<String> expectedLines(List<List<String>> rows) {
        List<String> lines = new ArrayList<>();
        long line = 2;
        for (List<String> row : rows) {
            lines.add(Long.toString(line));
            line += 1 + row.stream().mapToLong(CsvRoundTripPropertyTest::lineBreaks).sum();
        }
        return lines;
    }

    /** CR LF, a lone CR and a lone LF each end one physical line. */
    private static long lineBreaks(String value) {
        long breaks = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' && (i == 0 || value.charAt(i - 1) != '\r')) {
                breaks++;
            }
        }
        return breaks;
    }

    private static CsvHotFolderConnector connector(Path inbox) {
        Map<String, Object> properties = Map.of("directory", inbox.toString(), "settle.ms", 0,
                "service.pid", "org.tailor.connector.csv~default");
        CsvHotFolderConnectorConfig config = Converters.standardConverter().convert(properties)
                .to(CsvHotFolderConnectorConfig.class);
        return new CsvHotFolderConnector(config, properties, new InboxDirectories());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
