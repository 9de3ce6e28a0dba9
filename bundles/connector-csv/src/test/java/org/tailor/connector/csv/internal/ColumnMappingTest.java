package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tailor.api.connector.ConnectorStatus;

class ColumnMappingTest {

    @TempDir
    Path inbox;

    final FakeSink sink = new FakeSink();

    CsvHotFolderConnector connector(Map<String, Object> mapping) {
        return TestConnectors.create(inbox, mapping);
    }

    static ColumnMapping parse(String general, Map<FileKind, String> perKind) throws Exception {
        return ColumnMapping.parse(general, perKind);
    }

    // --- parsing and validation ------------------------------------------------------------------

    @Test
    void mapsNamesPerKindWithTheKindsOwnMappingWinning() throws Exception {
        ColumnMapping mapping = parse(" E-Mail = email ,Kunden-Nr=customer_id,, Notiz=- ",
                Map.of(FileKind.ORDERS, "Kunden-Nr=email, Bestell-Nr=order_id"));

        assertThat(mapping.target(FileKind.CUSTOMERS, "E-Mail")).isEqualTo("email");
        assertThat(mapping.target(FileKind.CUSTOMERS, "Kunden-Nr")).isEqualTo("customer_id");
        assertThat(mapping.target(FileKind.ORDERS, "Kunden-Nr")).isEqualTo("email");
        assertThat(mapping.target(FileKind.ORDERS, "Bestell-Nr")).isEqualTo("order_id");
        assertThat(mapping.target(FileKind.CUSTOMERS, "Bestell-Nr")).as("not mapped for customers").isEqualTo("Bestell-Nr");
        assertThat(mapping.target(FileKind.EVENTS, "Notiz")).as("dropped").isNull();
        assertThat(mapping.target(FileKind.EVENTS, "type")).isEqualTo("type");
        assertThat(ColumnMapping.none().isEmpty()).isTrue();
        assertThat(mapping.isEmpty()).isFalse();
    }

    @Test
    void eachMistakeIsNamedWithItsPropertyAndEntry() {
        assertThatThrownBy(() -> parse("E-Mail email", Map.of()))
                .hasMessage("mapping entry \"E-Mail email\": write it as <column in the file>=<Tailor field>, one = per"
                        + " entry, entries separated by commas");
        assertThatThrownBy(() -> parse("=email", Map.of())).hasMessageContaining("the column in the file is missing");
        assertThatThrownBy(() -> parse("E-Mail=", Map.of())).hasMessageContaining("the Tailor field is missing after the =");
        assertThatThrownBy(() -> parse("a=b=c", Map.of())).hasMessageContaining("one = per entry");
        assertThatThrownBy(() -> parse("Mail=e_mail", Map.of()))
                .hasMessageStartingWith("mapping entry \"Mail=e_mail\": e_mail is not a field of any kind of file (customers: ")
                .hasMessageContaining("orders: order_id");
        assertThatThrownBy(() -> parse("", Map.of(FileKind.EVENTS, "Bestell-Nr=order_id")))
                .hasMessageStartingWith("mapping.events entry \"Bestell-Nr=order_id\": order_id is not a field of a events file;"
                        + " the fields are event_id");
        assertThatThrownBy(() -> parse("Mail=email, Mail=customer_id", Map.of()))
                .hasMessageContaining("the column Mail is already mapped to email in mapping");
        assertThatThrownBy(() -> parse("x", Map.of(FileKind.ORDERS, "y"))).hasMessageContaining("mapping entry \"x\"")
                .hasMessageContaining("; mapping.orders entry \"y\"");
    }

    @Test
    void targetsMayBeAnyCanonicalFieldOfTheKind() throws Exception {
        ColumnMapping mapping = parse("Stufe=attributes.tier, Extra=properties, Positionen=items",
                Map.of(FileKind.ORDERS, "Lineitem sku=item_sku, Lineitem quantity=item_quantity"));

        assertThat(mapping.target(FileKind.CUSTOMERS, "Stufe")).isEqualTo("attributes.tier");
        assertThat(mapping.target(FileKind.ORDERS, "Lineitem sku")).isEqualTo("item_sku");
    }

    @Test
    void aBadMappingIsReportedInTheStatusAndNoFileIsTouched() throws Exception {
        Files.writeString(inbox.resolve("customers.csv"), "E-Mail\na@example.com\n", UTF_8);
        CsvHotFolderConnector connector = connector(Map.of("mapping", "E-Mail=mail"));

        connector.poll(sink);

        ConnectorStatus status = connector.status();
        assertThat(status.idle()).isFalse();
        assertThat(status.lastError()).contains("org.tailor.connector.csv~default is not valid, so nothing is imported",
                "mapping entry \"E-Mail=mail\": mail is not a field");
        assertThat(inbox.resolve("customers.csv")).exists();
        assertThat(inbox.resolve(HotFolder.PROCESSING)).doesNotExist();
    }

    // --- applied to files ------------------------------------------------------------------------

    @Test
    void renamesCsvColumnsAndDropsIgnoredOnes() throws Exception {
        Files.writeString(inbox.resolve("customers.csv"),
                "Kunden-Nr,E-Mail,Vorname,Notiz,Stufe\nK1,anna@example.com,Anna,ruft oft an,gold\n", UTF_8);

        connector(Map.of("mapping", "E-Mail=email, Kunden-Nr=customer_id, Notiz=-",
                "mapping.customers", "Vorname=first_name, Stufe=attributes.tier")).poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(record -> assertThat(record.fields()).containsExactly(
                entry("customer_id", "K1"), entry("email", "anna@example.com"), entry("first_name", "Anna"),
                entry("attributes.tier", "gold")));
    }

    @Test
    void anUnmappedUnknownColumnStillFailsTheFileAndSaysItCanBeMapped() throws Exception {
        Files.writeString(inbox.resolve("customers.csv"), "E-Mail,Telefon\na@example.com,030 1234\n", UTF_8);

        connector(Map.of("mapping", "E-Mail=email")).poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(Files.readString(inbox.resolve("failed/customers.csv.error.txt")))
                .contains("Column: Telefon", "unknown column for a customers file", "can be mapped in the connector's configuration")
                .doesNotContain("Column: E-Mail");
    }

    @Test
    void aGeneralMappingToAFieldTheKindHasNotFailsThatKindOfFileNamingBothNames() throws Exception {
        Files.writeString(inbox.resolve("customers.csv"), "email,Bestell-Nr\na@example.com,B1\n", UTF_8);

        connector(Map.of("mapping", "Bestell-Nr=order_id")).poll(sink);

        assertThat(Files.readString(inbox.resolve("failed/customers.csv.error.txt")))
                .contains("Column: Bestell-Nr (mapped to order_id)", "unknown column for a customers file");
    }

    @Test
    void twoColumnsGivingOneFieldFailTheFile() throws Exception {
        Files.writeString(inbox.resolve("customers.csv"), "email,E-Mail\na@example.com,b@example.com\n", UTF_8);

        connector(Map.of("mapping", "E-Mail=email")).poll(sink);

        assertThat(Files.readString(inbox.resolve("failed/customers.csv.error.txt")))
                .contains("Column: E-Mail (mapped to email)", "gives the field email, as email does (columns 1 and 2)");
    }

    @Test
    void renamesJsonKeysToo() throws Exception {
        Files.writeString(inbox.resolve("events.jsonl"), """
                {"Kunden-Nr": "K1", "Ereignis": "product_viewed", "Zeit": "2026-11-20T09:00:00Z", "intern": 1}
                {"Kunden-Nr": "K1", "customer_id": "K2", "type": "x", "occurred_at": "2026-11-20T09:00:00Z"}
                """, UTF_8);

        connector(Map.of("mapping", "Kunden-Nr=customer_id, intern=-",
                "mapping.events", "Ereignis=type, Zeit=occurred_at")).poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(record -> assertThat(record.fields()).containsExactly(
                entry("customer_id", "K1"), entry("type", "product_viewed"), entry("occurred_at", "2026-11-20T09:00:00Z")));
        assertThat(Files.readString(inbox.resolve("done/events.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "2,customer_id,customer_id and Kunden-Nr (mapped to customer_id) both give the field customer_id;"
                + " a field may appear only once\r\n");
    }
}
