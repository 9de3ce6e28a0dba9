package org.tailor.connector.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;

/**
 * However orders are spread over line item rows, and wherever the import is stopped by a failing
 * store, every order handed to ingest is whole (all its items, at its first line), and after the
 * restart idempotent ingest holds exactly the orders of the file.
 */
class OrderGroupsProperties {

    static final String[] HEADER = {"order_id", "email", "ordered_at", "total", "currency", "item_sku", "item_name",
            "item_quantity"};

    @Property(tries = 100)
    void ordersAreHandedOnWholeAcrossAStopAndRestart(@ForAll("orders") List<Order> orders,
                                                     @ForAll("repeatOrderColumns") List<Boolean> repeat,
                                                     @ForAll("stopAt") Optional<Integer> stopAt) throws Exception {
        Path inbox = Files.createTempDirectory("order-groups");
        try {
            Files.writeString(inbox.resolve("orders.csv"), print(orders, repeat), StandardCharsets.UTF_8);
            Map<String, Order> expected = new LinkedHashMap<>();
            orders.forEach(order -> expected.put(order.id(), order));
            String stopOrder = stopAt.map(i -> orders.get(i % orders.size()).id()).orElse(null);
            IdempotentIngest ingest = new IdempotentIngest(stopOrder);

            try {
                TestConnectors.create(inbox, Map.of()).poll(ingest);
            } catch (FileImporter.SinkFailedException stopped) {
                assertThat(stopOrder).isNotNull();
            }
            TestConnectors.create(inbox, Map.of()).poll(ingest);

            Map<String, String> firstLines = firstLines(orders, repeat);
            for (InboundRecord handed : ingest.handed) {
                Order order = expected.get((String) handed.fields().get("order_id"));
                assertThat(handed.fields()).isEqualTo(order.fields());
                assertThat(handed.position()).isEqualTo(firstLines.get(order.id()));
            }
            assertThat(ingest.stored).isEqualTo(expected.values().stream()
                    .collect(LinkedHashMap::new, (map, o) -> map.put(o.id(), o.fields()), Map::putAll));
            assertThat(inbox.resolve("done/orders.csv")).exists();
            assertThat(inbox.resolve("done/orders.rejects.csv")).doesNotExist();
        } finally {
            deleteRecursively(inbox);
        }
    }

    @Provide
    Arbitrary<List<Order>> orders() {
        Arbitrary<String> text = Arbitraries.oneOf(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5),
                        Arbitraries.of(",", "\"", "\n", "\r\n", " ", "é", "中文", "#"))
                .list().ofMinSize(1).ofMaxSize(4).map(pieces -> "n" + String.join("", pieces) + "x");
        Arbitrary<List<String>> item = Combinators.combine(
                Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(4), text,
                Arbitraries.integers().between(1, 9)).as((sku, name, quantity) -> List.of(sku, name, quantity.toString()));
        Arbitrary<Order> order = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.integers().between(1, 99_999),
                item.list().ofMinSize(1).ofMaxSize(4)).as((local, cents, items) ->
                new Order(null, local + "@example.com", cents / 100 + "." + String.format("%02d", cents % 100), items));
        return order.list().ofMinSize(1).ofMaxSize(12).map(list -> {
            List<Order> numbered = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Order o = list.get(i);
                numbered.add(new Order("O" + (i + 1), o.email(), o.total(), o.items()));
            }
            return numbered;
        });
    }

    @Provide
    Arbitrary<List<Boolean>> repeatOrderColumns() {
        return Arbitraries.of(true, false).list().ofSize(48);
    }

    @Provide
    Arbitrary<Optional<Integer>> stopAt() {
        return Arbitraries.integers().between(0, 11).optional(0.8);
    }

    /** Shopify's way: the first row of an order has every order column; later rows repeat them or leave them empty. */
    private static String print(List<Order> orders, List<Boolean> repeat) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get())) {
            int row = 0;
            for (Order order : orders) {
                for (int i = 0; i < order.items().size(); i++) {
                    boolean full = i == 0 || repeat.get(row++ % repeat.size());
                    List<String> item = order.items().get(i);
                    printer.printRecord(order.id(), full ? order.email() : "", full ? "2026-11-01T10:00:00Z" : "",
                            full ? order.total() : "", full ? "EUR" : "", item.get(0), item.get(1), item.get(2));
                }
            }
        }
        return out.toString();
    }

    /** The physical line each order's first row starts on, counting the line breaks inside quoted names. */
    private static Map<String, String> firstLines(List<Order> orders, List<Boolean> repeat) {
        Map<String, String> lines = new LinkedHashMap<>();
        long line = 2;
        for (Order order : orders) {
            lines.put(order.id(), Long.toString(line));
            for (List<String> item : order.items()) {
                line += 1 + item.get(1).chars().filter(c -> c == '\n').count()
                        + item.get(1).replace("\r\n", "").chars().filter(c -> c == '\r').count();
            }
        }
        return lines;
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

    record Order(String id, String email, String total, List<List<String>> items) {

        Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("order_id", id);
            fields.put("email", email);
            fields.put("ordered_at", "2026-11-01T10:00:00Z");
            fields.put("total", total);
            fields.put("currency", "EUR");
            fields.put("items", items.stream().map(item -> Map.<String, Object>of("sku", item.get(0),
                    "name", item.get(1), "quantity", item.get(2))).toList());
            return fields;
        }
    }

    /** Ingest as far as this connector can tell: stores an order once per order_id, and fails once on the chosen order. */
    static final class IdempotentIngest implements RecordSink {

        final List<InboundRecord> handed = new ArrayList<>();
        final Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
        private String failOn;

        IdempotentIngest(String failOn) {
            this.failOn = failOn;
        }

        @Override
        public IngestResult accept(InboundRecord record) {
            String orderId = (String) record.fields().get("order_id");
            if (orderId.equals(failOn)) {
                failOn = null;
                throw new IllegalStateException("store unavailable");
            }
            handed.add(record);
            stored.putIfAbsent(orderId, record.fields());
            return IngestResult.accepted("p-" + orderId);
        }
    }
}
