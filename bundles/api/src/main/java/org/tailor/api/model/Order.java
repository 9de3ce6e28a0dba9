package org.tailor.api.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A purchase by one person: first-class data beside events, so that purchase history (order
 * count, lifetime value, products and categories bought) is read without parsing event properties.
 *
 * <p>Immutable. The order id makes it idempotent: storing the same id twice keeps the first.
 *
 * @param orderId the shop's order id, never null or blank
 * @param profileId whose order, never null
 * @param orderedAt when it was placed, never null
 * @param currency ISO 4217 code in upper case, never null
 * @param total what the customer paid, never null or negative; may differ from the sum of the
 *     lines (shipping, discounts, tax)
 * @param lines the line items, never null, may be empty when the source gives only totals
 * @param source where the order came from, for example {@code csv:orders.csv}, never null
 */
public record Order(String orderId, String profileId, Instant orderedAt, String currency, BigDecimal total,
                    List<OrderLine> lines, String source) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(orderedAt, "orderedAt");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(source, "source");
        lines = List.copyOf(lines);
        if (orderId.isBlank()) {
            throw new IllegalArgumentException("orderId must not be blank");
        }
        if (total.signum() < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
    }
}
