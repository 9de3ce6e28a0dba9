package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.Order;
import org.tailor.api.model.OrderLine;
import org.tailor.api.model.PurchaseSummary;
import org.tailor.api.store.StoreException;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcOrderStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2025-04-01T09:30:00Z");

    private JdbcOrderStore store;

    @BeforeEach
    void open() {
        store = new JdbcOrderStore(database.open());
    }

    @Test
    void saveIsIdempotentOnTheOrderIdAndKeepsTheFirstWithItsLines() {
        Order order = new Order("o-1", "p-1", T0, "EUR", new BigDecimal("59.80"), List.of(
                new OrderLine("SKU-1", Optional.of("Trail shoe"), Optional.of("shoes"), 2, new BigDecimal("24.90")),
                new OrderLine("SKU-2", Optional.empty(), Optional.empty(), 1, new BigDecimal("10"))), "csv:orders.csv");
        Order sameId = new Order("o-1", "p-1", T0.plusSeconds(60), "USD", BigDecimal.ONE, List.of(), "csv:again.csv");

        assertThat(store.save(order)).isTrue();
        assertThat(store.save(sameId)).isFalse();
        assertThat(store.save(order)).isFalse();

        assertThat(store.count()).isEqualTo(1);
        assertThat(store.ordersOf("p-1")).containsExactly(order);
        Order read = store.ordersOf("p-1").get(0);
        assertThat(read.total()).as("scale kept").isEqualTo(new BigDecimal("59.80"));
        assertThat(read.lines().get(1).unitPrice()).isEqualTo(new BigDecimal("10"));
    }

    @Test
    void ordersOfIsOldestFirstAndPerProfile() {
        Order late = order("o-late", "p-1", T0.plusSeconds(3600), "EUR", "5.00");
        Order early = order("o-early", "p-1", T0, "EUR", "7.50");
        Order tieB = order("o-b", "p-1", T0.plusSeconds(60), "EUR", "1");
        Order tieA = order("o-a", "p-1", T0.plusSeconds(60), "EUR", "1E+3");
        Order other = order("o-x", "p-2", T0, "EUR", "3.00");
        for (Order o : List.of(late, early, tieB, tieA, other)) {
            assertThat(store.save(o)).isTrue();
        }
        assertThat(store.ordersOf("p-1")).containsExactly(early, tieA, tieB, late);
        assertThat(store.ordersOf("p-1").get(1).total()).isEqualTo(new BigDecimal("1E+3"));
        assertThat(store.ordersOf("nobody")).isEmpty();
        assertThat(store.count()).isEqualTo(5);
    }

    @Test
    void summaryUsesTheMajorityCurrencyAndCountsTheOthers() {
        store.save(order("o-1", "p-1", T0, "EUR", "10.00"));
        store.save(order("o-2", "p-1", T0.plusSeconds(10), "USD", "99.99"));
        store.save(order("o-3", "p-1", T0.plusSeconds(20), "EUR", "20.5"));
        store.save(order("o-4", "p-1", T0.plusSeconds(30), "EUR", "0"));
        store.save(order("o-5", "p-1", T0.minusSeconds(30), "GBP", "1.00"));
        store.save(order("o-6", "p-2", T0, "EUR", "1000.00"));

        assertThat(store.summaryOf("p-1")).isEqualTo(new PurchaseSummary(5, Optional.of("EUR"),
                new BigDecimal("30.50"), new BigDecimal("10.17"), Optional.of(T0.minusSeconds(30)),
                Optional.of(T0.plusSeconds(30)), 2));
    }

    @Test
    void aCurrencyTieGoesToTheLatestOrdersCurrency() {
        store.save(order("o-1", "p-1", T0, "EUR", "10"));
        store.save(order("o-2", "p-1", T0.plusSeconds(10), "USD", "3"));

        PurchaseSummary summary = store.summaryOf("p-1");
        assertThat(summary.currency()).contains("USD");
        assertThat(summary.lifetimeValue()).isEqualTo(new BigDecimal("3"));
        assertThat(summary.averageOrderValue()).isEqualTo(new BigDecimal("3"));
        assertThat(summary.otherCurrencyOrders()).isEqualTo(1);
    }

    @Test
    void someoneWhoBoughtNothingHasTheEmptySummary() {
        assertThat(store.summaryOf("nobody")).isEqualTo(PurchaseSummary.none());
    }

    @Test
    void anAmountTheColumnWouldRoundIsRefusedAndNothingIsWritten() {
        Order tooFine = order("o-1", "p-1", T0, "EUR", "0.123456789");
        assertThatThrownBy(() -> store.save(tooFine))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot save order o-1: total 0.123456789 has more than 8 decimal places");
        assertThat(store.save(order("o-2", "p-1", T0, "EUR", "0.12345678000000"))).isTrue();
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.ordersOf("p-1").get(0).total()).isEqualTo(new BigDecimal("0.12345678000000"));
    }

    private static Order order(String id, String profileId, Instant at, String currency, String total) {
        return new Order(id, profileId, at, currency, new BigDecimal(total), List.of(), "test");
    }
}
