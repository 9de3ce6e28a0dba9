package org.tailor.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A person's purchase history in figures, derived from their orders whenever one is stored.
 *
 * <p>Immutable. Amounts are in {@link #currency()}; orders in other currencies are counted but
 * not added to the amounts (Tailor does not convert currencies), which {@link #otherCurrencyOrders()} reports.
 *
 * @param orderCount how many orders, in any currency
 * @param currency the currency most of the orders are in, or empty when there are none; never null
 * @param lifetimeValue the sum of the totals in {@code currency}, never null
 * @param averageOrderValue lifetime value divided by the orders in {@code currency}, never null
 * @param firstPurchaseAt the first order's time, or empty; never null
 * @param lastPurchaseAt the latest order's time, or empty; never null
 * @param otherCurrencyOrders orders left out of the amounts because of their currency
 */
public record PurchaseSummary(long orderCount, Optional<String> currency, BigDecimal lifetimeValue,
                              BigDecimal averageOrderValue, Optional<Instant> firstPurchaseAt,
                              Optional<Instant> lastPurchaseAt, long otherCurrencyOrders) {

    public PurchaseSummary {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(lifetimeValue, "lifetimeValue");
        Objects.requireNonNull(averageOrderValue, "averageOrderValue");
        Objects.requireNonNull(firstPurchaseAt, "firstPurchaseAt");
        Objects.requireNonNull(lastPurchaseAt, "lastPurchaseAt");
    }

    /** The summary of someone who has bought nothing. */
    public static PurchaseSummary none() {
        return new PurchaseSummary(0, Optional.empty(), BigDecimal.ZERO, BigDecimal.ZERO,
                Optional.empty(), Optional.empty(), 0);
    }
}
