package org.tailor.ingest.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tailor.api.ingest.InboundRecord;

/** Checks an event record. */
final class EventValidator {

    static final String PROPERTIES = "properties.";
    static final Set<String> FIELDS = Set.of("event_id", "customer_id", "email", "type", "occurred_at");
    static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Clock clock;

    EventValidator(Clock clock) {
        this.clock = clock;
    }

    Checked<EventData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields(), clock);
        reader.rejectUnknown(FIELDS, PROPERTIES);
        var identities = IdentityFields.read(reader);
        reader.require("type");
        reader.require("occurred_at");
        Optional<String> eventId = reader.text("event_id");
        var type = reader.matching("type", TYPE,
                "a valid event type: use lower-case letters, digits and _, starting with a letter, at most 64, such as product_viewed");
        var occurredAt = reader.instantNotAfter("occurred_at", Duration.ofDays(1), "one day");
        var properties = reader.prefixed(PROPERTIES);
        if (!reader.violations().isEmpty()) {
            return Checked.invalid(reader.violations());
        }
        return Checked.valid(new EventData(identities, eventId, type.orElseThrow(), occurredAt.orElseThrow(), properties));
    }
}
