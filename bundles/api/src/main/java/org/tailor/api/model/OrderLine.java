package org.tailor.api.model;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of an order: a product, how many, at what unit price.
 *
 * <p>Immutable.
 *
 * @param sku the product's stock-keeping unit, never null or blank
 * @param name the product's name as the shop showed it, or empty; never null
 * @param category the product's category, or empty; never null
 * @param quantity how many, at least 1
 * @param unitPrice the price of one, in the order's currency, never null or negative
 */
public record OrderLine(String sku, Optional<String> name, Optional<String> category, int quantity, BigDecimal unitPrice) {

    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, got " + quantity);
        }
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("unitPrice must not be negative, got " + unitPrice);
        }
    }

    /** The line's amount: quantity times unit price. */
    public BigDecimal amount() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
