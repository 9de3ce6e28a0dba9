package org.tailor.ingest.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An order record as read, with the constraints a valid one meets. Null components are absent. */
record OrderData(
        @Valid IdentityData identity,
        @NotNull(message = "is required") @Size(max = 200, message = "is longer than 200 characters") String orderId,
        @NotNull(message = "is required") @PastOrPresent(message = "is more than one day in the future") Instant orderedAt,
        @NotNull(message = "is required") @DecimalMin(value = "0", message = "must be zero or more") BigDecimal total,
        @NotNull(message = "is required") @StandardCode(StandardCode.Kind.CURRENCY) String currency,
        @Size(max = 256, message = "is longer than 256 characters") String category,
        @Size(max = 1000, message = "has more than 1000 line items") List<@Valid LineData> items) {

    /** One line item as read. */
    record LineData(
            @NotNull(message = "is required") @Size(max = 200, message = "is longer than 200 characters") String sku,
            @Size(max = 256, message = "is longer than 256 characters") String name,
            @Size(max = 256, message = "is longer than 256 characters") String category,
            @NotNull(message = "is required") @jakarta.validation.constraints.Min(value = 1, message = "must be at least 1")
            @jakarta.validation.constraints.Max(value = 1_000_000, message = "must be at most 1000000") Integer quantity,
            @NotNull(message = "is required") @DecimalMin(value = "0", message = "must be zero or more") BigDecimal unitPrice) {
    }

    /** The currency code in upper case, as stored. */
    String currencyCode() {
        return currency.toUpperCase(java.util.Locale.ROOT);
    }

    Optional<String> categoryName() {
        return Optional.ofNullable(category);
    }
}
