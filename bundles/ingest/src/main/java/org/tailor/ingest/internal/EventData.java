package org.tailor.ingest.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An event record as read, with the constraints a valid one meets. Null components are absent. */
record EventData(
        @Valid IdentityData identity,
        @Size(max = 200, message = "is longer than 200 characters") String eventId,
        @NotNull(message = "is required")
        @Pattern(regexp = EventData.TYPE, message = "is not a valid event type: use lower-case letters, digits and _, "
                + "starting with a letter, at most 64, such as product_viewed") String type,
        @NotNull(message = "is required") @PastOrPresent(message = "is more than one day in the future") Instant occurredAt,
        @Size(max = 200, message = "has more than 200 entries")
        Map<@Pattern(regexp = CustomerData.NAME, message = CustomerData.NAME_RULE) String, @PropertyValue Object> properties) {

    static final String TYPE = "[a-z][a-z0-9_]{0,63}";

    Optional<String> id() {
        return Optional.ofNullable(eventId);
    }
}
