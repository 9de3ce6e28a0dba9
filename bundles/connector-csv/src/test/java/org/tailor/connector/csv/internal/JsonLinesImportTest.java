package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;

class JsonLinesImportTest {

    @TempDir
    Path inbox;

    final FakeSink sink = new FakeSink();

    CsvHotFolderConnector connector() {
        return TestConnectors.create(inbox, Map.of());
    }

    void drop(String name, String content) throws Exception {
        Files.writeString(inbox.resolve(name), content, UTF_8);
    }

    String rejects(String base) throws Exception {
        return Files.readString(inbox.resolve("done/" + base + ".rejects.csv"));
    }

    @Test
    void importsCustomersWithAnAttributesObject() throws Exception {
        drop("customers-crm.jsonl", """
                {"customer_id": "C1", "email": " anna@example.com ", "first_name": "Anna", "attributes": {"tier": "gold", "visits": 12, "vip": true, "address": {"zip": "10115"}, "tags": ["a", "b"]}}
                {"customer_id": "C2", "email": "ben@example.com", "city": "", "country": null, "attributes.tier": "silver"}
                """);

        connector().poll(sink);

        assertThat(sink.accepted).hasSize(2);
        InboundRecord anna = sink.accepted.get(0);
        assertThat(anna.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(anna.source()).isEqualTo("customers-crm.jsonl");
        assertThat(anna.position()).isEqualTo("1");
        assertThat(anna.fields()).containsEntry("email", "anna@example.com").containsEntry("attributes", Map.of(
                "tier", "gold", "visits", 12, "vip", true, "address", Map.of("zip", "10115"), "tags", List.of("a", "b")));
        assertThat(sink.accepted.get(1).fields()).as("empty text and null left out").containsExactly(
                entry("customer_id", "C2"), entry("email", "ben@example.com"), entry("attributes.tier", "silver"));
        assertThat(Files.exists(inbox.resolve("done/customers-crm.jsonl"))).isTrue();
        assertThat(Files.exists(inbox.resolve("done/customers-crm.rejects.csv"))).isFalse();
    }

    @Test
    void importsOrdersWithItemsKeepingDecimalsExact() throws Exception {
        drop("orders.ndjson", "{\"order_id\":\"O1\",\"email\":\"a@example.com\",\"ordered_at\":\"2026-11-01T10:00:00Z\","
                + "\"total\":59.90,\"currency\":\"EUR\",\"items\":[{\"sku\":\"S1\",\"name\":\"Tent\",\"category\":\"outdoor\","
                + "\"quantity\":1,\"unit_price\":49.90},{\"sku\":\"S2\",\"quantity\":2,\"unit_price\":\"5.00\"}]}\n");

        connector().poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(order -> {
            assertThat(order.kind()).isEqualTo(RecordKind.ORDER);
            assertThat(order.fields()).containsEntry("total", new BigDecimal("59.90")).containsEntry("items", List.of(
                    Map.of("sku", "S1", "name", "Tent", "category", "outdoor", "quantity", 1, "unit_price", new BigDecimal("49.90")),
                    Map.of("sku", "S2", "quantity", 2, "unit_price", "5.00")));
        });
    }

    @Test
    void importsEventsWithNestedPropertiesCrlfAByteOrderMarkAndBlankLines() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(("{\"event_id\":\"E1\",\"anonymous_id\":\"a-1\",\"type\":\"product_viewed\",\"occurred_at\":"
                + "\"2026-11-20T09:00:00Z\",\"properties\":{\"product\":{\"id\":\"P7\",\"price\":9.5},\"city\":\"Zürich\"}}\r\n"
                + "\r\n"
                + "   \r\n"
                + "{\"event_id\":\"E2\",\"email\":\"a@example.com\",\"type\":\"signup\",\"occurred_at\":\"2026-11-20T09:00:00Z\"}")
                .getBytes(UTF_8));
        Files.write(inbox.resolve("Events-Web.JSONL"), bytes.toByteArray());

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("1", "4");
        assertThat(sink.accepted.get(0).fields()).containsEntry("properties",
                Map.of("product", Map.of("id", "P7", "price", new BigDecimal("9.5")), "city", "Zürich"));
    }

    @Test
    void aMalformedLineIsRejectedWithItsLineAndTheParseErrorAndTheRestIsImported() throws Exception {
        drop("customers.jsonl", """
                {"customer_id": "C1", "email": "a@example.com"}
                {"customer_id": "C2", "email": "b@example.com"
                {"customer_id": "C3", "email": "c@example.com",}
                {"customer_id": "C4", "email": 'd@example.com'}
                {"customer_id": "C5", "email": "e@example.com"} {"customer_id": "C6"}
                {"customer_id": "C7", "customer_id": "C8"}
                ["C9", "i@example.com"]
                "just text"
                {"customer_id": "C10", "email": "j@example.com"}
                """);
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("1", "9");
        List<String> lines = rejects("customers").lines().toList();
        assertThat(lines.get(0)).isEqualTo("line,field,reason");
        assertThat(lines).hasSize(8);
        assertThat(lines.get(1)).startsWith("2,*,").contains("not valid JSON at column ", "Unexpected end-of-input");
        assertThat(lines.get(2)).startsWith("3,*,").contains("not valid JSON at column ", "was expecting double-quote");
        assertThat(lines.get(3)).startsWith("4,*,").contains("not valid JSON at column ", "Unexpected character");
        assertThat(lines.get(4)).startsWith("5,*,").contains("not valid JSON at column ", "Trailing token");
        assertThat(lines.get(5)).startsWith("6,*,").contains("not valid JSON at column ", "Duplicate field 'customer_id'");
        assertThat(lines.get(6)).isEqualTo("7,*,\"the line must hold one JSON object {...}, not an array\"");
        assertThat(lines.get(7)).isEqualTo("8,*,\"the line must hold one JSON object {...}, not a text\"");
        ConnectorStatus status = connector.status();
        assertThat(status.accepted()).isEqualTo(2);
        assertThat(status.rejected()).isEqualTo(7);
        assertThat(status.unitsDone()).isEqualTo(1);
        assertThat(status.unitsFailed()).isZero();
    }

    @Test
    void fieldsOfTheWrongShapeOrKindAreRejectedNamingTheField() throws Exception {
        drop("orders.jsonl", """
                {"order_id": "O1", "email": "a@example.com", "total": {"amount": 5}}
                {"order_id": "O2", "email": "a@example.com", "colour": "red"}
                {"order_id": "O3", "email": "a@example.com", "items": {"sku": "S1"}}
                {"order_id": "O4", "email": "a@example.com", "items": [{"sku": "S1"}, "S2"]}
                {"order_id": "O5", "email": "a@example.com", "items": [{"sku": "S1", "colour": "red"}]}
                {"order_id": "O6", "email": "a@example.com", "item_sku": "S1"}
                {"order_id": "O7", "email": "a@example.com", "items": [{"sku": ["S1"]}]}
                """);

        connector().poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(rejects("orders")).isEqualTo("line,field,reason\r\n"
                + "1,total,\"expected text, a number or true/false, found an object\"\r\n"
                + "2,colour,\"unknown field for a orders file; the columns allowed are order_id, customer_id, email,"
                + " anonymous_id, ordered_at, total, currency, category, and for line items item_sku, item_name,"
                + " item_category, item_quantity, item_unit_price; other column names can be mapped in the connector's"
                + " configuration, and an array \"\"items\"\" of line items\"\r\n"
                + "3,items,\"expected an array of line items, found an object\"\r\n"
                + "4,items,\"items[1]: expected an object with sku, name, category, quantity, unit_price, found a text\"\r\n"
                + "5,items,\"items[0].colour: unknown field of a line item; the fields are sku, name, category, quantity,"
                + " unit_price\"\r\n"
                + "6,item_sku,\"unknown field for a JSON lines orders file: give line items as \"\"items\"\": [{\"\"sku\"\": …,"
                + " \"\"quantity\"\": …}, …]\"\r\n"
                + "7,items,\"items[0].sku: expected text, a number or true/false, found an array\"\r\n");
    }

    @Test
    void aLineTooLongIsRejectedWithoutBeingHeldAndTheNextLineIsRead() throws Exception {
        StringBuilder text = new StringBuilder("{\"email\":\"a@example.com\",\"attributes\":{\"blob\":\"");
        while (text.length() <= CsvRows.MAX_RECORD_CHARS) {
            text.append("x".repeat(1000));
        }
        text.append("\"}}\n{\"email\":\"b@example.com\"}\n");
        drop("customers.jsonl", text.toString());

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2");
        assertThat(rejects("customers")).isEqualTo("line,field,reason\r\n1,*,the line is longer than "
                + CsvRows.MAX_RECORD_CHARS + " characters\r\n");
    }

    @Test
    void bytesThatAreNotUtf8StopTheFileAtTheirLineKeepingTheLinesBefore() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("{\"email\":\"a@example.com\"}\n{\"email\":\"b@example.com\"}\n".getBytes(UTF_8));
        bytes.write("{\"email\":\"c@example.com\",\"first_name\":\"Zoë\"}\n".getBytes(ISO_8859_1));
        Files.write(inbox.resolve("customers.jsonl"), bytes.toByteArray());
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("1", "2");
        assertThat(rejects("customers")).isEqualTo("line,field,reason\r\n3,*,\"unreadable JSON lines, so nothing from"
                + " this line on was imported: the file is not valid UTF-8 at or after this line; save it as UTF-8\"\r\n");
        assertThat(connector.status().lastError()).contains("customers.jsonl line 3");
    }

    @Test
    void anEmptyFileIsDoneWithNothingImported() throws Exception {
        drop("events.jsonl", "");

        connector().poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(inbox.resolve("done/events.jsonl")).exists();
    }

    @Test
    void whenTheSinkFailsTheFileIsImportedAgainFromTheStart() throws Exception {
        drop("customers.jsonl", "{\"email\":\"a@example.com\"}\n{\"email\":\"nope\"}\n{\"email\":\"c@example.com\"}\n");
        CsvHotFolderConnector connector = connector();
        sink.failOn = record -> record.position().equals("3");

        assertThatThrownBy(() -> connector.poll(sink)).hasMessageContaining("customers.jsonl stopped at lines 1 to 3");
        assertThat(inbox.resolve("processing/customers.jsonl")).exists();

        sink.failOn = record -> false;
        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("1", "1", "3");
        assertThat(rejects("customers")).isEqualTo("line,field,reason\r\n2,email,not an email address\r\n");
    }

    @Test
    void aJsonFileWithAnUnknownPrefixGoesToFailed() throws Exception {
        drop("contacts.jsonl", "{\"email\":\"a@example.com\"}\n");

        connector().poll(sink);

        assertThat(Files.readString(inbox.resolve("failed/contacts.jsonl.error.txt")))
                .contains("end in .csv, .jsonl or .ndjson", "customers*.csv, orders*.csv, events*.csv (or .jsonl or .ndjson");
    }
}
