package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.ingest.Violation;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcDeadLetterStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2025-07-01T08:00:00Z");

    private JdbcDeadLetterStore store;

    @BeforeEach
    void open() {
        store = new JdbcDeadLetterStore(database.open(Map.of("pool.size", 4)));
    }

    @Test
    void everyFieldTypeRoundTrips() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("sku", "SKU-1");
        item.put("quantity", 2);
        item.put("unit_price", new BigDecimal("24.90"));
        item.put("$date", "a key that looks like a tag");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "ann@example.com");
        fields.put("total", new BigDecimal("59.80"));
        fields.put("count", 7L);
        fields.put("small", 3);
        fields.put("short", (short) 4);
        fields.put("byte", (byte) 5);
        fields.put("huge", new BigInteger("123456789012345678901234567890"));
        fields.put("ratio", 0.25d);
        fields.put("ratio_f", 0.5f);
        fields.put("not_a_number", Double.NaN);
        fields.put("vip", true);
        fields.put("ordered_at", Instant.parse("2025-06-30T23:59:59.123456789Z"));
        fields.put("birth_date", LocalDate.of(1990, 4, 1));
        fields.put("items", List.of(item, Map.of()));
        fields.put("tags", Arrays.asList("a", 1L, null, List.of(true)));
        fields.put("attributes", Map.of("nested", Map.of("deeper", List.of())));
        InboundRecord record = new InboundRecord("json:orders.jsonl", "line 7", RecordKind.ORDER, fields);
        DeadLetter letter = letter(record, T0, new Violation("currency", "missing"), new Violation("*", "two reasons"));

        DeadLetter stored = store.add(letter);

        assertThat(stored.id()).isPositive();
        DeadLetter read = store.find(stored.id()).orElseThrow();
        assertThat(read).isEqualTo(stored);
        assertThat(read.record()).isEqualTo(record);
        read.record().fields().forEach((name, value) ->
                assertThat(value).as(name).hasSameClassAs(fields.get(name) instanceof List ? new ArrayList<>()
                        : fields.get(name) instanceof Map ? new LinkedHashMap<>() : fields.get(name)));
        assertThat(read.violations()).containsExactly(new Violation("currency", "missing"),
                new Violation("*", "two reasons"));
        assertThat(read.state()).isEqualTo(DeadLetter.State.OPEN);
        assertThat(read.note()).isEmpty();
        assertThat(store.find(stored.id() + 1000)).isEmpty();
    }

    @Test
    void anUnknownValueTypeIsKeptAsItsText() {
        InboundRecord record = new InboundRecord("jdbc:crm", "id=9", RecordKind.CUSTOMER,
                Map.of("signed_up_at", OffsetDateTime.parse("2025-01-01T10:00:00+01:00")));
        DeadLetter stored = store.add(letter(record, T0, new Violation("signed_up_at", "odd")));
        assertThat(store.find(stored.id()).orElseThrow().record().fields())
                .containsExactly(Map.entry("signed_up_at", "2025-01-01T10:00+01:00"));
    }

    @Test
    void theSameOpenRecordIsUpdatedNotDuplicated() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("email", "x");
        fields.put("city", "Graz");
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("city", "Graz");
        reordered.put("email", "x");
        InboundRecord record = new InboundRecord("csv:c.csv", "3", RecordKind.CUSTOMER, fields);
        DeadLetter first = store.add(letter(record, T0, new Violation("email", "not an address")));
        store.resolve(first.id(), DeadLetter.State.OPEN, "looked at it");

        DeadLetter again = store.add(letter(new InboundRecord("csv:c.csv", "3", RecordKind.CUSTOMER, reordered),
                T0.plusSeconds(60), new Violation("email", "still not an address")));

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.violations()).containsExactly(new Violation("email", "still not an address"));
        assertThat(again.rejectedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(again.note()).isEqualTo("looked at it");
        assertThat(store.open(Optional.empty(), 10)).hasSize(1);

        DeadLetter otherLine = store.add(letter(new InboundRecord("csv:c.csv", "4", RecordKind.CUSTOMER, fields),
                T0, new Violation("email", "not an address")));
        assertThat(otherLine.id()).isNotEqualTo(first.id());

        assertThat(store.resolve(first.id(), DeadLetter.State.DISCARDED, "typo in source")).isTrue();
        DeadLetter afterResolve = store.add(letter(record, T0.plusSeconds(120), new Violation("email", "again")));
        assertThat(afterResolve.id()).as("a resolved copy is not reopened").isNotIn(first.id(), otherLine.id());
        assertThat(store.find(first.id()).orElseThrow().state()).isEqualTo(DeadLetter.State.DISCARDED);
    }

    @Test
    void concurrentRejectionsOfOneRecordLeaveOneOpenEntry() throws Exception {
        InboundRecord record = new InboundRecord("csv:c.csv", "9", RecordKind.EVENT, Map.of("type", "Bad Type"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Long>> adds = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant at = T0.plusSeconds(i);
                adds.add(() -> store.add(letter(record, at, new Violation("type", "not snake case"))).id());
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> id : pool.invokeAll(adds, 60, TimeUnit.SECONDS)) {
                ids.add(id.get());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.openCounts()).containsExactly(Map.entry("csv:c.csv", 1L));
    }

    @Test
    void openIsNewestFirstLimitedAndFilteredAndCountsArePerSource() {
        DeadLetter a1 = store.add(letter(record("csv:a.csv", "1"), T0, new Violation("*", "r")));
        DeadLetter a2 = store.add(letter(record("csv:a.csv", "2"), T0.plusSeconds(20), new Violation("*", "r")));
        DeadLetter b1 = store.add(letter(record("csv:b.csv", "1"), T0.plusSeconds(10), new Violation("*", "r")));
        DeadLetter a3 = store.add(letter(record("csv:a.csv", "3"), T0.plusSeconds(30), new Violation("*", "r")));
        store.resolve(a3.id(), DeadLetter.State.REPLAYED, "accepted on replay");

        assertThat(store.open(Optional.empty(), 10)).containsExactly(a2, b1, a1);
        assertThat(store.open(Optional.empty(), 2)).containsExactly(a2, b1);
        assertThat(store.open(Optional.of("csv:a.csv"), 10)).containsExactly(a2, a1);
        assertThat(store.open(Optional.of("csv:none"), 10)).isEmpty();
        assertThat(store.open(Optional.empty(), 0)).isEmpty();
        assertThat(store.openCounts()).containsExactly(Map.entry("csv:a.csv", 2L), Map.entry("csv:b.csv", 1L));
    }

    @Test
    void onlyOpenEntriesResolve() {
        DeadLetter letter = store.add(letter(record("csv:a.csv", "1"), T0, new Violation("*", "r")));

        assertThat(store.resolve(letter.id(), DeadLetter.State.OPEN, "waiting for the CRM fix")).isTrue();
        assertThat(store.find(letter.id()).orElseThrow().note()).isEqualTo("waiting for the CRM fix");
        assertThat(store.resolve(letter.id(), DeadLetter.State.REPLAYED, "accepted")).isTrue();
        assertThat(store.resolve(letter.id(), DeadLetter.State.DISCARDED, "too late")).isFalse();
        assertThat(store.resolve(letter.id(), DeadLetter.State.OPEN, "too late")).isFalse();
        assertThat(store.resolve(letter.id() + 1000, DeadLetter.State.DISCARDED, "none")).isFalse();

        DeadLetter read = store.find(letter.id()).orElseThrow();
        assertThat(read.state()).isEqualTo(DeadLetter.State.REPLAYED);
        assertThat(read.note()).isEqualTo("accepted");
        assertThat(store.openCounts()).isEmpty();
    }

    private static InboundRecord record(String source, String position) {
        return new InboundRecord(source, position, RecordKind.CUSTOMER, Map.of("email", "x@" + position));
    }

    private static DeadLetter letter(InboundRecord record, Instant at, Violation... violations) {
        return new DeadLetter(0, record, List.of(violations), at, DeadLetter.State.OPEN, "");
    }
}
