package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.ingest.internal.Records.customer;
import static org.tailor.ingest.internal.Records.order;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PurchaseHistoryTest {

    final InMemoryProfileStore profiles = new InMemoryProfileStore();
    final InMemoryOrderStore orders = new InMemoryOrderStore();
    final InMemoryEventStore events = new InMemoryEventStore();
    final RecordIngestService ingest = new RecordIngestService(profiles, events, orders, new InMemoryDeadLetterStore(),
            new InMemoryConsentService(), Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void ordersWithLineItemsAreStoredAndTheFiguresDerivedOnIngest() {
        ingest.ingest(customer("customer_id", "C1", "first_name", "Ann"));
        ingest.ingest(order("customer_id", "C1", "order_id", "O1", "ordered_at", "2026-01-10T10:00:00Z", "total", "30.00",
                "currency", "eur", "items", List.of(
                        Map.of("sku", "TENT-2", "name", "Tent", "category", "outdoor", "quantity", "1", "unit_price", "20.00"),
                        Map.of("sku", "PEG", "category", "outdoor", "quantity", 10, "unit_price", 1))));
        ingest.ingest(order("customer_id", "C1", "order_id", "O2", "ordered_at", "2026-02-10T10:00:00Z", "total", "50.00", "currency", "EUR"));

        assertThat(orders.get("O1").lines()).hasSize(2).first().satisfies(line -> {
            assertThat(line.sku()).isEqualTo("TENT-2");
            assertThat(line.name()).contains("Tent");
            assertThat(line.amount()).isEqualByComparingTo("20.00");
        });
        assertThat(orders.get("O1").currency()).isEqualTo("EUR");
        assertThat(profiles.only().attributes())
                .containsEntry("first_name", "Ann")
                .containsEntry(PurchaseFigures.ORDER_COUNT, 2L)
                .containsEntry(PurchaseFigures.LIFETIME_VALUE, new BigDecimal("80.00"))
                .containsEntry(PurchaseFigures.AVERAGE_ORDER_VALUE, new BigDecimal("40.00"))
                .containsEntry(PurchaseFigures.FIRST_ORDER_AT, Instant.parse("2026-01-10T10:00:00Z"))
                .containsEntry(PurchaseFigures.LAST_ORDER_AT, Instant.parse("2026-02-10T10:00:00Z"));
        assertThat(events.all()).filteredOn(e -> e.id().equals("order:O1")).singleElement()
                .satisfies(e -> assertThat(e.properties()).containsEntry("items", 2).containsEntry("category", "outdoor"));
    }

    @Test
    void badLineItemsAreNamedByIndex() {
        var result = ingest.ingest(order("customer_id", "C1", "order_id", "O1", "ordered_at", "2026-01-10T10:00:00Z",
                "total", "30", "currency", "EUR", "items", List.of(Map.of("sku", "A", "quantity", "0", "unit_price", "x"),
                        Map.of("quantity", 1, "unit_price", 2, "colour", "red"))));

        assertThat(result.violations()).extracting(v -> v.field() + ": " + v.reason()).containsExactlyInAnyOrder(
                "items[0].quantity: '0' must be at least 1",
                "items[0].unit_price: 'x' is not a decimal number: use digits and a dot, such as 19.99",
                "items[1].colour: unknown field; line items have sku, name, category, quantity and unit_price",
                "items[1].sku: is required");
    }

    @Test
    void derivedFiguresCannotBeImportedAsAttributes() {
        var result = ingest.ingest(customer("customer_id", "C1", "attributes.lifetime_value", "1000000"));

        assertThat(result.violations()).singleElement().satisfies(v -> assertThat(v.reason()).contains("derived from the person's orders"));
    }
}
