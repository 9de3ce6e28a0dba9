package org.tailor.sampledata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataGeneratorTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    @Test
    void sameSeedAndDayGiveIdenticalFiles(@TempDir Path a, @TempDir Path b) throws IOException {
        new SampleDataGenerator(7, 500, DAY).writeTo(a);
        new SampleDataGenerator(7, 500, DAY).writeTo(b);
        for (String name : List.of("customers.csv", "orders.csv", "events.csv")) {
            assertThat(Files.mismatch(a.resolve(name), b.resolve(name))).as(name).isEqualTo(-1L);
        }
    }

    @Test
    void anotherDayShiftsEveryTimestampByTheSameAmount(@TempDir Path a, @TempDir Path b) throws IOException {
        new SampleDataGenerator(7, 200, DAY).writeTo(a);
        new SampleDataGenerator(7, 200, DAY.plusDays(10)).writeTo(b);
        List<CSVRecord> first = read(a.resolve("events.csv"));
        List<CSVRecord> second = read(b.resolve("events.csv"));
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            Instant t1 = Instant.parse(first.get(i).get("occurred_at"));
            Instant t2 = Instant.parse(second.get(i).get("occurred_at"));
            assertThat(t2).isEqualTo(t1.plus(java.time.Duration.ofDays(10)));
        }
    }

    @Test
    void writesCanonicalColumnsAndTheRequestedCustomers(@TempDir Path dir) throws IOException {
        var counts = new SampleDataGenerator(1, 3000, DAY).writeTo(dir);
        List<CSVRecord> customers = read(dir.resolve("customers.csv"));
        assertThat(customers).hasSize(3000);
        assertThat(customers.get(0).getParser().getHeaderNames()).containsExactly(SampleDataGenerator.CUSTOMER_COLUMNS);
        assertThat(read(dir.resolve("orders.csv"))).hasSize(counts.orders());
        assertThat(read(dir.resolve("events.csv"))).hasSize(counts.events());
        assertThat(counts.invalid()).isPositive();
        Instant midnight = DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        assertThat(read(dir.resolve("events.csv"))).allSatisfy(r ->
                assertThat(Instant.parse(r.get("occurred_at"))).isBefore(midnight));
        assertThat(dir.resolve(".customers.csv.tmp")).doesNotExist();
    }

    @Test
    void onlySubscribersOpenAndClickEmailsAndSomeAreKeenReaders(@TempDir Path dir) throws IOException {
        new SampleDataGenerator(7L, 2000, DAY).writeTo(dir);
        java.util.Set<String> subscribers = new java.util.HashSet<>();
        read(dir.resolve("customers.csv")).stream().filter(r -> r.get("email_marketing_consent").equals("granted"))
                .forEach(r -> subscribers.add(r.get("customer_id")));
        List<CSVRecord> mail = read(dir.resolve("events.csv")).stream()
                .filter(r -> r.get("type").startsWith("email_")).toList();

        assertThat(mail).isNotEmpty().allSatisfy(r -> assertThat(subscribers).contains(r.get("customer_id")));
        assertThat(mail).anySatisfy(r -> assertThat(r.get("type")).isEqualTo("email_link_clicked"));
        java.util.Map<String, Long> opensPerReader = mail.stream().filter(r -> r.get("type").equals("email_opened"))
                .collect(java.util.stream.Collectors.groupingBy(r -> r.get("customer_id"), java.util.stream.Collectors.counting()));
        assertThat(opensPerReader.values()).anySatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(6))
                .anySatisfy(count -> assertThat(count).isLessThan(3));
    }

    private static List<CSVRecord> read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
