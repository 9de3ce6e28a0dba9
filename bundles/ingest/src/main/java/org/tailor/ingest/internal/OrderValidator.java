package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;

/** Checks an order record. */
final class OrderValidator {

    static final Set<String> FIELDS = Set.of("order_id", "customer_id", "email", "ordered_at", "total", "currency", "category");

    private final Clock clock;

    OrderValidator(Clock clock) {
        this.clock = clock;
    }

    Checked<OrderData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields(), clock);
        reader.rejectUnknown(FIELDS, null);
        var identities = IdentityFields.read(reader);
        for (String required : new String[] {"order_id", "ordered_at", "total", "currency"}) {
            reader.require(required);
        }
        var orderId = reader.text("order_id");
        var orderedAt = reader.instantNotAfter("ordered_at", Duration.ofDays(1), "one day");
        var total = reader.nonNegativeDecimal("total");
        var currency = reader.currency("currency");
        var category = reader.text("category");
        if (!reader.violations().isEmpty()) {
            return Checked.invalid(reader.violations());
        }
        return Checked.valid(new OrderData(identities, orderId.orElseThrow(), orderedAt.orElseThrow(),
                total.orElseThrow(), currency.orElseThrow(), category));
    }
}
