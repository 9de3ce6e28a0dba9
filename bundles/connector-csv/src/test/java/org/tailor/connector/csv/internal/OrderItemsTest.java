package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.ingest.InboundRecord;

/** Orders exported one row per line item become one order record each, also across a crash. */
class OrderItemsTest {

    static final String HEADER = "order_id,email,ordered_at,total,currency,item_sku,item_name,item_category,item_quantity,"
            + "item_unit_price\n";

    @TempDir
    Path inbox;

    final FakeSink sink = new FakeSink();

    CsvHotFolderConnector connector(Map<String, Object> overrides) {
        return TestConnectors.create(inbox, overrides);
    }

    CsvHotFolderConnector connector() {
        return connector(Map.of());
    }

    void drop(String name, String content) throws Exception {
        Files.writeString(inbox.resolve(name), content, UTF_8);
    }

    static Map<String, Object> item(String sku, String name, String category, String quantity, String unitPrice) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", sku);
        item.put("name", name);
        item.put("category", category);
        item.put("quantity", quantity);
        item.put("unit_price", unitPrice);
        item.values().removeIf(v -> v == null);
        return item;
    }

    @Test
    void consecutiveRowsOfOneOrderBecomeOneRecordWithItsItemsAtItsFirstLine() throws Exception {
        drop("orders.csv", HEADER
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S1,Tent,outdoor,1,49.90\n"
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S2,\"Pegs, steel\",outdoor,2,5.00\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S3,Cap,,1,10\n"
                + "\n"
                + "O3,c@example.com,2026-11-03T10:00:00Z,7,EUR,,,,,\n");

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2", "4", "6");
        assertThat(sink.accepted.get(0).fields()).containsExactly(entry("order_id", "O1"), entry("email", "a@example.com"),
                entry("ordered_at", "2026-11-01T10:00:00Z"), entry("total", "59.90"), entry("currency", "EUR"),
                entry("items", List.of(item("S1", "Tent", "outdoor", "1", "49.90"),
                        item("S2", "Pegs, steel", "outdoor", "2", "5.00"))));
        assertThat(sink.accepted.get(1).fields().get("items")).isEqualTo(List.of(item("S3", "Cap", null, "1", "10")));
        assertThat(sink.accepted.get(2).fields()).as("no item values, no items").doesNotContainKey("items").hasSize(5);
        assertThat(inbox.resolve("done/orders.csv")).exists();
    }

    @Test
    void readsAShopifyStyleExportThroughAMapping() throws Exception {
        // Shopify repeats Name and Email on every line item row and leaves most order columns empty after the first.
        drop("orders_export_1.csv", """
                Name,Email,Financial Status,Currency,Subtotal,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku
                #1001,anna@example.com,paid,EUR,54.90,59.90,2026-11-01T10:00:00+01:00,1,Tent,49.90,S1
                #1001,anna@example.com,,,,,,2,"Pegs, steel (4 pack)",2.50,S2
                #1002,ben@example.com,paid,EUR,10.00,10.00,2026-11-02T11:00:00+01:00,1,Cap,10.00,S3
                """);
        String mapping = "Name=order_id, Email=email, Currency=currency, Total=total, Created at=ordered_at,"
                + " Lineitem quantity=item_quantity, Lineitem name=item_name, Lineitem price=item_unit_price,"
                + " Lineitem sku=item_sku, Financial Status=-, Subtotal=-";

        connector(Map.of("mapping.orders", mapping)).poll(sink);

        assertThat(sink.accepted).hasSize(2);
        InboundRecord first = sink.accepted.get(0);
        assertThat(first.position()).isEqualTo("2");
        assertThat(first.source()).isEqualTo("orders_export_1.csv");
        assertThat(first.fields()).containsExactly(entry("order_id", "#1001"), entry("email", "anna@example.com"),
                entry("currency", "EUR"), entry("total", "59.90"), entry("ordered_at", "2026-11-01T10:00:00+01:00"),
                entry("items", List.of(Map.of("quantity", "1", "name", "Tent", "unit_price", "49.90", "sku", "S1"),
                        Map.of("quantity", "2", "name", "Pegs, steel (4 pack)", "unit_price", "2.50", "sku", "S2"))));
        assertThat(sink.accepted.get(1).fields()).containsEntry("order_id", "#1002");
    }

    @Test
    void anOrderWhoseRowsDisagreeIsRejectedNamingTheLineAndField() throws Exception {
        drop("orders.csv", HEADER
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S1,Tent,outdoor,1,49.90\n"
                + "O1,a@example.com,2026-11-01T10:00:00Z,60.00,EUR,S2,Pegs,outdoor,2,5.00\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S3,Cap,,1,10\n");

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("4");
        assertThat(Files.readString(inbox.resolve("done/orders.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "3,total,\"\"\"60.00\"\" differs from \"\"59.90\"\" on line 2 for the same order O1; the rows of one order"
                + " must repeat its total or leave it empty\"\r\n");
    }

    @Test
    void aRowWithoutOrderIdStandsAloneAndARowWithTooManyValuesRejectsItsOrder() throws Exception {
        drop("orders.csv", HEADER
                + ",a@example.com,2026-11-01T10:00:00Z,1,EUR,S1,,,1,1\n"
                + ",a@example.com,2026-11-01T10:00:00Z,1,EUR,S2,,,1,1\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S3,Cap,,1,10\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S4,Hat,,1,10,surplus\n");

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).as("ingest decides about the missing order_id").containsExactly("2", "3");
        assertThat(Files.readString(inbox.resolve("done/orders.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "5,*,the line has 11 values but the header row has 10 columns\r\n");
    }

    @Test
    void brokenQuotingInsideAnOrderRejectsThatOrderAndKeepsTheOnesBefore() throws Exception {
        drop("orders.csv", HEADER
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S1,Tent,outdoor,1,49.90\n"
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S2,Pegs,outdoor,2,5.00\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S3,Cap,,1,10\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S4,\"Hat \"special\",,1,10\n"
                + "O3,c@example.com,2026-11-03T10:00:00Z,7,EUR,S5,Sock,,1,7\n");
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(order -> {
            assertThat(order.fields()).containsEntry("order_id", "O1");
            assertThat((List<?>) order.fields().get("items")).hasSize(2);
        });
        String rejects = Files.readString(inbox.resolve("done/orders.rejects.csv"));
        assertThat(rejects).startsWith("line,field,reason\r\n"
                + "4,*,\"order O2 (line 4) was not imported: the file cannot be read on from line 5, which may hold more"
                + " of its line items\"\r\n"
                + "5,*,\"malformed CSV, so nothing from this line on was imported: ");
        assertThat(connector.status().rejected()).isEqualTo(2);
        assertThat(connector.status().lastError()).contains("orders.csv line 5");
    }

    @Test
    void anOrderWithMoreItemsThanTheCapIsRejectedWithoutHoldingThemAll() throws Exception {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i <= OrderGroups.MAX_ITEMS; i++) {
            text.append("O1,a@example.com,2026-11-01T10:00:00Z,1,EUR,S").append(i).append(",,,1,1\n");
        }
        text.append("O2,b@example.com,2026-11-02T10:00:00Z,10,EUR,S3,Cap,,1,10\n");
        drop("orders.csv", text.toString());

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly(Integer.toString(OrderGroups.MAX_ITEMS + 3));
        assertThat(Files.readString(inbox.resolve("done/orders.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "2,items,\"order O1 has " + (OrderGroups.MAX_ITEMS + 1) + " line items (lines 2 to "
                + (OrderGroups.MAX_ITEMS + 2) + "), more than the " + OrderGroups.MAX_ITEMS + " one order may have\"\r\n");
    }

    @Test
    void aStopInTheMiddleHandsEveryOrderOnWholeAgainAfterTheRestart() throws Exception {
        String file = HEADER
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S1,Tent,outdoor,1,49.90\n"
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S2,Pegs,outdoor,2,5.00\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,30,EUR,S3,Cap,,1,10\n"
                + "O2,,,,,S4,Hat,,2,10\n"
                + "O3,c@example.com,2026-11-03T10:00:00Z,7,EUR,S5,Sock,,1,7\n";
        FakeSink clean = new FakeSink();
        Path elsewhere = Files.createDirectories(inbox.resolveSibling(inbox.getFileName() + "-clean"));
        Files.writeString(elsewhere.resolve("orders.csv"), file, UTF_8);
        TestConnectors.create(elsewhere, Map.of()).poll(clean);

        drop("orders.csv", file);
        sink.failOn = record -> "O2".equals(record.fields().get("order_id"));
        assertThatThrownBy(() -> connector().poll(sink)).hasMessageContaining("orders.csv stopped at lines 2 to 6");
        assertThat(sink.accepted).extracting(InboundRecord::position).containsExactly("2");

        sink.failOn = record -> false;
        CsvHotFolderConnector restarted = connector();
        restarted.poll(sink);

        assertThat(sink.accepted).as("O1 again, absorbed by idempotent ingest; O2 whole, never a part of it")
                .containsExactlyElementsOf(concat(clean.accepted.subList(0, 1), clean.accepted));
        assertThat(sink.accepted.get(2).fields().get("items")).asList().hasSize(2);
        assertThat(inbox.resolve("done/orders.csv")).exists();
        assertThat(restarted.status().idle()).isTrue();
    }

    @Test
    void aFileACrashLeftInProcessingGivesTheSameOrdersAsACleanImport() throws Exception {
        String file = HEADER
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S1,Tent,outdoor,1,49.90\n"
                + "O1,a@example.com,2026-11-01T10:00:00Z,59.90,EUR,S2,Pegs,outdoor,2,5.00\n"
                + "O2,b@example.com,2026-11-02T10:00:00Z,30,EUR,S3,Cap,,1,10\n";
        FakeSink clean = new FakeSink();
        Path elsewhere = Files.createDirectories(inbox.resolveSibling(inbox.getFileName() + "-clean2"));
        Files.writeString(elsewhere.resolve("orders.csv"), file, UTF_8);
        TestConnectors.create(elsewhere, Map.of()).poll(clean);
        Files.createDirectories(inbox.resolve(HotFolder.PROCESSING));
        Files.writeString(inbox.resolve("processing/orders.csv"), file, UTF_8);

        connector().poll(sink);

        assertThat(sink.accepted).containsExactlyElementsOf(clean.accepted);
    }

    private static List<InboundRecord> concat(List<InboundRecord> first, List<InboundRecord> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
