package org.tailor.ingest.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tailor.api.model.Identity;

/** A valid order record. */
record OrderData(List<Identity> identities, String orderId, Instant orderedAt, BigDecimal total,
                 String currency, Optional<String> category) {
}
