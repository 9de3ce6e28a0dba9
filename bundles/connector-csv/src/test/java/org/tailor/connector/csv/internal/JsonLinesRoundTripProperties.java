package org.tailor.connector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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

/**
 * Whatever Jackson's own writer makes of customer objects (escapes, any Unicode, nested attributes),
 * written one per line with LF or CRLF and blank lines between, reads back as the same fields on the
 * line each object is on.
 */
class JsonLinesRoundTripProperties {

    private static final ObjectMapper WRITER = new ObjectMapper();

    @Property(tries = 200)
    void writtenObjectsReadBackAsTheSameFields(@ForAll("customers") List<Map<String, Object>> customers,
                                               @ForAll boolean crlf, @ForAll("blankLines") List<Integer> blanks)
            throws Exception {
        Path inbox = Files.createTempDirectory("jsonl-roundtrip");
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<String> lines = new ArrayList<>();
            int line = 0;
            for (int i = 0; i < customers.size(); i++) {
                for (int b = 0; b < blanks.get(i % blanks.size()); b++) {
                    out.write((crlf ? " \r\n" : "\n").getBytes(StandardCharsets.UTF_8));
                    line++;
                }
                out.write(WRITER.writeValueAsBytes(customers.get(i)));
                out.write((crlf ? "\r\n" : "\n").getBytes(StandardCharsets.UTF_8));
                lines.add(Integer.toString(++line));
            }
            Files.write(inbox.resolve("customers.ndjson"), out.toByteArray());
            FakeSink sink = new FakeSink();

            TestConnectors.create(inbox, Map.of()).poll(sink);

            assertThat(sink.rejected).isEmpty();
            assertThat(sink.acceptedFields()).isEqualTo(customers);
            assertThat(sink.acceptedPositions()).isEqualTo(lines);
        } finally {
            deleteRecursively(inbox);
        }
    }

    @Provide
    Arbitrary<List<Integer>> blankLines() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> customers() {
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                        Arbitraries.of(",", "\"", "\\", "\n", "\r", "\t", "{", "}", "[", "é", "Łódź", "中文", "😀",
                                "\u2028", "\u0000", "\uFEFF", "=1+2"))
                .list().ofMinSize(1).ofMaxSize(5).map(pieces -> "v" + String.join("", pieces) + "z");
        Arbitrary<Map<String, Object>> customer = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8), text, text,
                Arbitraries.integers().between(0, 1000)).as((local, name, tier, visits) -> {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("email", local + "@example.com");
                    fields.put("first_name", name);
                    fields.put("attributes", Map.of("tier", tier, "visits", visits, "nested", Map.of("note", name)));
                    return fields;
                });
        return customer.list().ofMinSize(1).ofMaxSize(15);
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
