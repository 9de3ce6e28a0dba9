package org.tailor.connector.csv.internal;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.util.converter.Converters;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.ingest.Violation;

class CsvHotFolderConnectorTest {

    static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");

    @TempDir
    Path inbox;

    final FakeSink sink = new FakeSink();
    final MutableClock clock = new MutableClock(T0);
    final InboxDirectories directories = new InboxDirectories();

    static CsvHotFolderConnectorConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(CsvHotFolderConnectorConfig.class);
    }

    CsvHotFolderConnector connector(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("directory", inbox.toString());
        properties.put("settle.ms", 0);
        properties.put("service.pid", "org.tailor.connector.csv~default");
        properties.putAll(overrides);
        return new CsvHotFolderConnector(config(properties), properties, directories, clock);
    }

    CsvHotFolderConnector connector() {
        return connector(Map.of());
    }

    Path drop(String name, String content) throws IOException {
        return Files.writeString(inbox.resolve(name), content, UTF_8);
    }

    Path inbox(String relative) {
        return inbox.resolve(relative);
    }

    static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    // --- the happy path, one test per kind -------------------------------------------------------

    @Test
    void importsCustomersAndMovesTheFileToDone() throws Exception {
        drop("customers.csv", """
                customer_id,email,first_name,city,attributes.tier
                C1,anna@example.com,Anna,Berlin,gold
                C2, ben@example.com ,  Ben ,,
                """);

        connector().poll(sink);

        assertThat(sink.accepted).hasSize(2);
        InboundRecord first = sink.accepted.get(0);
        assertThat(first.source()).isEqualTo("customers.csv");
        assertThat(first.position()).isEqualTo("2");
        assertThat(first.kind()).isEqualTo(RecordKind.CUSTOMER);
        assertThat(first.fields()).containsExactly(entry("customer_id", "C1"), entry("email", "anna@example.com"),
                entry("first_name", "Anna"), entry("city", "Berlin"), entry("attributes.tier", "gold"));
        assertThat(sink.accepted.get(1).fields()).as("trimmed, empty cells left out")
                .containsExactly(entry("customer_id", "C2"), entry("email", "ben@example.com"), entry("first_name", "Ben"));
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("customers.csv");
        assertThat(names(inbox(HotFolder.PROCESSING))).isEmpty();
        assertThat(inbox("customers.csv")).doesNotExist();
    }

    @Test
    void importsOrders() throws Exception {
        drop("orders-2026-11.csv", """
                order_id,customer_id,email,ordered_at,total,currency,category
                O1,C1,anna@example.com,2026-11-01T10:00:00Z,59.90,EUR,outdoor
                """);

        connector().poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(order -> {
            assertThat(order.kind()).isEqualTo(RecordKind.ORDER);
            assertThat(order.source()).isEqualTo("orders-2026-11.csv");
            assertThat(order.fields()).containsEntry("order_id", "O1").containsEntry("total", "59.90").hasSize(7);
        });
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("orders-2026-11.csv");
    }

    @Test
    void importsEventsWhateverTheCaseOfTheFileName() throws Exception {
        drop("Events-Web.CSV", """
                event_id,customer_id,type,occurred_at,properties.category,properties.product_id
                E1,C1,product_viewed,2026-11-20T09:00:00Z,outdoor,P7
                """);

        connector().poll(sink);

        assertThat(sink.accepted).singleElement().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(RecordKind.EVENT);
            assertThat(event.fields()).containsEntry("properties.category", "outdoor").containsEntry("type", "product_viewed");
        });
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("Events-Web.CSV");
    }

    @Test
    void importsCustomersBeforeOrdersAndEventsWhenSeveralFilesWait() throws Exception {
        drop("events.csv", "event_id,email,type,occurred_at\nE1,a@example.com,signup,2026-11-20T09:00:00Z\n");
        drop("orders.csv", "order_id,email,ordered_at,total,currency\nO1,a@example.com,2026-11-20T09:00:00Z,1,EUR\n");
        drop("customers.csv", "email\na@example.com\n");

        connector().poll(sink);

        assertThat(sink.accepted).extracting(InboundRecord::kind)
                .containsExactly(RecordKind.CUSTOMER, RecordKind.ORDER, RecordKind.EVENT);
    }

    // --- rejects ---------------------------------------------------------------------------------

    @Test
    void writesEachRejectedRowWithItsLineFieldAndReason() throws Exception {
        drop("customers.csv", """
                customer_id,email
                C1,anna@example.com
                C2,ben-at-example.com
                C3,clara@example.com
                C4,david
                """);

        connector().poll(sink);

        assertThat(sink.accepted).extracting(InboundRecord::position).containsExactly("2", "4");
        assertThat(Files.readString(inbox("done/customers.rejects.csv"))).isEqualTo(
                "line,field,reason\r\n3,email,not an email address\r\n5,email,not an email address\r\n");
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("customers.csv", "customers.rejects.csv");
    }

    @Test
    void writesOneRejectsRowPerViolation() throws Exception {
        RecordSink strict = record -> IngestResult.rejected(List.of(new Violation("email", "not an email address"),
                new Violation("birth_date", "\"31.02.1990\" is not a date, use yyyy-MM-dd")));
        drop("customers.csv", "email,birth_date\nnope,31.02.1990\n");

        connector().poll(strict);

        assertThat(Files.readString(inbox("done/customers.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "2,email,not an email address\r\n"
                + "2,birth_date,\"\"\"31.02.1990\"\" is not a date, use yyyy-MM-dd\"\r\n");
    }

    @Test
    void rejectsRowsWithValuesTheHeaderHasNoColumnForAndSkipsBlankRows() throws Exception {
        drop("customers.csv", "customer_id,email,\n"
                + "C1,a@example.com,\n"
                + ",,\n"
                + "\n"
                + "C2,b@example.com,surplus\n"
                + "C3,c@example.com,,,,\n"
                + "C4,d@example.com,,,x\n");
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2", "6");
        assertThat(Files.readString(inbox("done/customers.rejects.csv"))).isEqualTo("line,field,reason\r\n"
                + "5,*,column 3 has a value but no name in the header row\r\n"
                + "7,*,the line has 5 values but the header row has 3 columns\r\n");
        assertThat(connector.status().rejected()).as("blank rows are not counted").isEqualTo(2);
    }

    // --- files that cannot be imported -----------------------------------------------------------

    @Test
    void anUnknownColumnSendsTheWholeFileToFailedWithAnErrorFile() throws Exception {
        drop("customers-spring.csv", """
                customer_id,email,favourite_color
                C1,anna@example.com,green
                """);
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(names(inbox(HotFolder.FAILED))).containsExactly("customers-spring.csv", "customers-spring.csv.error.txt");
        assertThat(names(inbox(HotFolder.DONE))).isEmpty();
        assertThat(Files.readString(inbox("failed/customers-spring.csv.error.txt")))
                .contains("File: customers-spring.csv", "Column: favourite_color", "Reason: unknown column for a customers file",
                        "attributes.<name>", "no row of this file was imported");
        ConnectorStatus status = connector.status();
        assertThat(status.unitsFailed()).isEqualTo(1);
        assertThat(status.unitsDone()).isZero();
        assertThat(status.lastError()).contains("customers-spring.csv", "favourite_color");
    }

    @Test
    void aMissingRequiredColumnSendsTheFileToFailed() throws Exception {
        drop("orders.csv", "order_id,email,ordered_at,currency\nO1,a@example.com,2026-11-01T10:00:00Z,EUR\n");

        connector().poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(Files.readString(inbox("failed/orders.csv.error.txt")))
                .contains("File: orders.csv", "Column: total", "required column missing");
    }

    @Test
    void headerMistakesAreNamedPrecisely() throws Exception {
        drop("customers-a.csv", "email,Email\na@example.com,b@example.com\n");
        drop("customers-b.csv", "customer_id;email\nC1;a@example.com\n");
        drop("customers-c.csv", "");
        drop("events.csv", "email,email,type,occurred_at,properties.\n");

        connector().poll(sink);

        assertThat(Files.readString(inbox("failed/customers-a.csv.error.txt")))
                .contains("Column: Email", "case-sensitive: use email");
        assertThat(Files.readString(inbox("failed/customers-b.csv.error.txt"))).contains("separated by ';'");
        assertThat(Files.readString(inbox("failed/customers-c.csv.error.txt"))).contains("the file is empty");
        assertThat(Files.readString(inbox("failed/events.csv.error.txt")))
                .contains("Column: email", "appears twice in the header (columns 1 and 2)", "Column: properties.");
    }

    @Test
    void aFileWithAnUnknownPrefixGoesToFailedWithTheAllowedNames() throws Exception {
        drop("contacts.csv", "customer_id,email\nC1,a@example.com\n");
        drop("customers.xlsx", "not csv");

        connector().poll(sink);

        assertThat(sink.accepted).isEmpty();
        assertThat(names(inbox(HotFolder.FAILED))).containsExactly("contacts.csv", "contacts.csv.error.txt",
                "customers.xlsx", "customers.xlsx.error.txt");
        assertThat(Files.readString(inbox("failed/contacts.csv.error.txt")))
                .contains("File: contacts.csv", "customers*.csv, orders*.csv, events*.csv");
    }

    @Test
    void aFailedNameAlreadyTakenGetsATimestamp() throws Exception {
        Files.createDirectories(inbox("failed"));
        Files.writeString(inbox("failed/contacts.csv"), "earlier");
        drop("contacts.csv", "x\n");

        connector().poll(sink);

        assertThat(Files.readString(inbox("failed/contacts.csv"))).isEqualTo("earlier");
        assertThat(names(inbox(HotFolder.FAILED))).containsExactly("contacts-20261123T101530Z.csv",
                "contacts-20261123T101530Z.csv.error.txt", "contacts.csv");
    }

    // --- claiming: settled files only, temporary files never -------------------------------------

    @Test
    void aFileStillBeingWrittenIsNotClaimed() throws Exception {
        drop("customers.csv", "customer_id,email\nC1,a@example.com\n");
        CsvHotFolderConnector patient = connector(Map.of("settle.ms", 3_600_000));

        patient.poll(sink);

        assertThat(inbox("customers.csv")).exists();
        assertThat(sink.accepted).isEmpty();
        assertThat(patient.status().idle()).isFalse();
        patient.deactivate();

        connector(Map.of("settle.ms", 0)).poll(sink);

        assertThat(sink.accepted).hasSize(1);
        assertThat(inbox("customers.csv")).doesNotExist();
    }

    @Test
    void aFileIsClaimedOnceItsSizeAndTimeStayTheSameForTheSettleTime() throws Exception {
        Path file = drop("customers.csv", "customer_id,email\nC1,a@example.com\n");
        CsvHotFolderConnector connector = connector(Map.of("settle.ms", 1000));

        connector.poll(sink);
        clock.advance(Duration.ofMillis(800));
        Files.writeString(file, "C2,b@example.com\n", UTF_8, java.nio.file.StandardOpenOption.APPEND);
        connector.poll(sink);
        clock.advance(Duration.ofMillis(999));
        connector.poll(sink);

        assertThat(inbox("customers.csv")).as("changed 999 ms ago").exists();

        clock.advance(Duration.ofMillis(1));
        connector.poll(sink);

        assertThat(sink.accepted).extracting(r -> r.fields().get("customer_id")).containsExactly("C1", "C2");
    }

    @Test
    void temporaryAndHiddenFilesAreLeftAlone() throws Exception {
        drop(".customers.csv.tmp", "customer_id\nC1\n");
        drop("customers.csv.part", "customer_id\nC1\n");
        drop("~$customers.csv", "lock");

        CsvHotFolderConnector connector = connector();
        connector.poll(sink);

        assertThat(names(inbox)).contains(".customers.csv.tmp", "customers.csv.part", "~$customers.csv");
        assertThat(names(inbox(HotFolder.FAILED))).isEmpty();
        assertThat(connector.status().idle()).isTrue();
    }

    // --- crashes ---------------------------------------------------------------------------------

    @Test
    void aFileLeftInProcessingIsImportedAgainOnTheNextPoll() throws Exception {
        Files.createDirectories(inbox("processing"));
        Files.writeString(inbox("processing/customers.csv"), "customer_id,email\nC1,a@example.com\nC2,bad\n");
        drop("orders.csv", "order_id,email,ordered_at,total,currency\nO1,a@example.com,2026-11-20T09:00:00Z,1,EUR\n");

        connector().poll(sink);

        assertThat(sink.accepted).extracting(InboundRecord::source).containsExactly("customers.csv", "orders.csv");
        assertThat(names(inbox(HotFolder.PROCESSING))).isEmpty();
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("customers.csv", "customers.rejects.csv", "orders.csv");
    }

    @Test
    void whenTheSinkFailsTheFileStaysClaimedAndIsImportedFromTheStartNextTime() throws Exception {
        drop("customers.csv", "customer_id,email\nC1,a@example.com\nC2,nope\nC3,c@example.com\nC4,d@example.com\n");
        CsvHotFolderConnector connector = connector();
        sink.failOn = record -> record.position().equals("4");

        assertThatThrownBy(() -> connector.poll(sink))
                .hasMessageContaining("customers.csv stopped at lines 2 to 5")
                .hasMessageContaining("imported again from the start");

        assertThat(names(inbox(HotFolder.PROCESSING))).containsExactly("customers.csv");
        assertThat(names(inbox(HotFolder.DONE))).as("no half rejects file, not even a hidden one").isEmpty();
        assertThat(connector.status().idle()).isFalse();
        assertThat(connector.status().lastError()).contains("lines 2 to 5");

        sink.failOn = record -> false;
        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2", "2", "4", "5");
        assertThat(Files.readString(inbox("done/customers.rejects.csv")))
                .isEqualTo("line,field,reason\r\n3,email,not an email address\r\n");
        assertThat(connector.status().idle()).isTrue();
    }

    @Test
    void halfWrittenRejectsFromACrashAreCleanedUp() throws Exception {
        Files.createDirectories(inbox("done"));
        Files.writeString(inbox("done/.customers.rejects-k3j2.tmp"), "line,field,reason\r\n");
        Files.writeString(inbox("done/.other.tmp"), "not ours");

        connector().poll(sink);

        assertThat(names(inbox(HotFolder.DONE))).containsExactly(".other.tmp");
    }

    // --- names already taken in done/ ------------------------------------------------------------

    @Test
    void aDoneNameAlreadyTakenGetsATimestampInsteadOfBeingOverwritten() throws Exception {
        Files.createDirectories(inbox("done"));
        Files.writeString(inbox("done/customers.csv"), "yesterday's file");
        drop("customers.csv", "customer_id,email\nC1,a@example.com\nC2,nope\n");
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);
        drop("customers.csv", "customer_id,email\nC3,c@example.com\n");
        connector.poll(sink);

        assertThat(Files.readString(inbox("done/customers.csv"))).isEqualTo("yesterday's file");
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("customers-20261123T101530Z-2.csv",
                "customers-20261123T101530Z.csv", "customers-20261123T101530Z.rejects.csv", "customers.csv");
        assertThat(Files.readString(inbox("done/customers-20261123T101530Z.csv"))).contains("C2,nope");
        assertThat(sink.accepted).hasSize(2);
    }

    // --- CSV as spreadsheets write it ------------------------------------------------------------

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws Exception {
        drop("customers.csv", "customer_id,email,city,attributes.note\n"
                + "C1,a@example.com,\"Berlin, Mitte\",\"line one\nline two\"\n"
                + "C2,b@example.com,\"He said \"\"hi\"\"\",\n"
                + "\"C3\",\"c@example.com\",\"\",\"x\"\n");

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).as("physical line of each record's first line").containsExactly("2", "4", "5");
        assertThat(sink.accepted.get(0).fields()).containsEntry("city", "Berlin, Mitte")
                .containsEntry("attributes.note", "line one\nline two");
        assertThat(sink.accepted.get(1).fields()).containsEntry("city", "He said \"hi\"").doesNotContainKey("attributes.note");
        assertThat(sink.accepted.get(2).fields()).containsExactly(entry("customer_id", "C3"),
                entry("email", "c@example.com"), entry("attributes.note", "x"));
    }

    @Test
    void excelStyleFilesWithByteOrderMarkAndCrlfAreRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.write(("customer_id,email,first_name,city\r\n"
                + "C1,a@example.com,Zoë,Zürich\r\n"
                + "C2,b@example.com,\"Multi\r\nline\",\"Kraków, PL\"\r\n"
                + "C3,c@example.com,Søren,東京\r\n").getBytes(UTF_8));
        Files.write(inbox("customers.csv"), bytes.toByteArray());

        connector().poll(sink);

        assertThat(sink.accepted).hasSize(3);
        assertThat(sink.accepted.get(0).fields()).containsExactly(entry("customer_id", "C1"), entry("email", "a@example.com"),
                entry("first_name", "Zoë"), entry("city", "Zürich"));
        assertThat(sink.accepted.get(1).fields()).containsEntry("first_name", "Multi\r\nline").containsEntry("city", "Kraków, PL");
        assertThat(sink.accepted.get(2).fields()).containsEntry("city", "東京");
        assertThat(sink.acceptedPositions()).containsExactly("2", "3", "5");
    }

    @Test
    void aMalformedRowKeepsTheRowsBeforeItAndIsReportedWithItsLine() throws Exception {
        drop("customers.csv", """
                customer_id,email
                C1,a@example.com
                C2,"b@example.com
                C3,c@example.com
                """);
        CsvHotFolderConnector connector = connector();

        connector.poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2");
        assertThat(names(inbox(HotFolder.DONE))).containsExactly("customers.csv", "customers.rejects.csv");
        assertThat(Files.readString(inbox("done/customers.rejects.csv")))
                .startsWith("line,field,reason\r\n3,*,\"malformed CSV, so nothing from this line on was imported: ")
                .contains("EOF reached before encapsulated token finished");
        ConnectorStatus status = connector.status();
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.unitsDone()).isEqualTo(1);
        assertThat(status.lastError()).contains("customers.csv line 3");
    }

    @Test
    void textAfterAClosingQuoteIsMalformedToo() throws Exception {
        drop("customers.csv", "customer_id,email\nC1,a@example.com\nC2,\"b\"@example.com\nC3,c@example.com\n");

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2");
        assertThat(Files.readString(inbox("done/customers.rejects.csv"))).contains("\r\n3,*,\"malformed CSV", "Invalid character between encapsulated token and delimiter");
    }

    @Test
    void bytesThatAreNotUtf8AreReportedNotGuessed() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("customer_id,email,first_name\nC1,a@example.com,Anna\n".getBytes(UTF_8));
        bytes.write("C2,b@example.com,Zoë\n".getBytes(ISO_8859_1));
        Files.write(inbox("customers.csv"), bytes.toByteArray());

        connector().poll(sink);

        assertThat(sink.accepted).extracting(r -> r.fields().get("first_name")).containsExactly("Anna");
        assertThat(Files.readString(inbox("done/customers.rejects.csv")))
                .startsWith("line,field,reason\r\n3,*,").contains("not valid UTF-8", "CSV UTF-8");
    }

    @Test
    void aQuoteThatIsNeverClosedDoesNotReadTheRestOfTheFileIntoMemory() throws Exception {
        StringBuilder text = new StringBuilder("customer_id,email\nC1,a@example.com\nC2,\"b@example.com\n");
        String row = "C3,c@example.com\n";
        while (text.length() < CsvRows.MAX_RECORD_CHARS + 100_000) {
            text.append(row);
        }
        drop("customers.csv", text.toString());

        connector().poll(sink);

        assertThat(sink.acceptedPositions()).containsExactly("2");
        assertThat(Files.readString(inbox("done/customers.rejects.csv")))
                .contains("3,*,\"malformed CSV", "longer than " + CsvRows.MAX_RECORD_CHARS + " characters");
    }

    // --- status ----------------------------------------------------------------------------------

    @Test
    void statusCountsRowsAndFilesAndTellsWhenIdle() throws Exception {
        CsvHotFolderConnector connector = connector();
        assertThat(connector.status()).isEqualTo(new ConnectorStatus("csv-default", true, 0, 0, 0, 0, ""));

        drop("customers.csv", "customer_id,email\nC1,a@example.com\nC2,nope\nC3,c@example.com\n");
        drop("leads.csv", "email\na@example.com\n");
        assertThat(connector.status().idle()).isFalse();

        connector.poll(sink);

        ConnectorStatus status = connector.status();
        assertThat(status.name()).isEqualTo(connector.name()).isEqualTo("csv-default");
        assertThat(status.idle()).isTrue();
        assertThat(status.accepted()).isEqualTo(2);
        assertThat(status.rejected()).isEqualTo(1);
        assertThat(status.unitsDone()).isEqualTo(1);
        assertThat(status.unitsFailed()).isEqualTo(1);
        assertThat(status.lastError()).contains("leads.csv");
    }

    // --- configuration ---------------------------------------------------------------------------

    @Test
    void defaultsPutTheInboxUnderKarafDataAndPollEverySecond(@TempDir Path karafData) {
        CsvHotFolderConnectorConfig defaults = config(Map.of());
        assertThat(defaults.directory()).isEmpty();
        assertThat(defaults.settle_ms()).isEqualTo(1000);
        assertThat(defaults.tailor_connector_interval()).isEqualTo(1000);

        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", karafData.toString());
        try {
            Map<String, Object> named = Map.of("service.pid", "org.tailor.connector.csv~default");
            assertThat(new CsvHotFolderConnector(config(named), named, directories).inbox())
                    .isEqualTo(karafData.resolve("inbox"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }

    @Test
    void thePollIntervalIsTheServicePropertyTheSchedulerReads() {
        assertThat(config(Map.of("tailor.connector.interval", "250")).tailor_connector_interval()).isEqualTo(250);
        assertThat(config(Map.of("settle.ms", "5")).settle_ms()).isEqualTo(5);
    }
}
