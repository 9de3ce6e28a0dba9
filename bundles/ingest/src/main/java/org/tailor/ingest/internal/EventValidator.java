package org.tailor.ingest.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;

/** Reads an event record into {@link EventData} and checks it. */
final class EventValidator {

    static final String PROPERTIES = "properties.";
    static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(IdentityData.FIELDS);
        fields.addAll(List.of("event_id", "type", "occurred_at"));
        FIELDS = Set.copyOf(fields);
    }

    private final RecordValidator validator;

    EventValidator(RecordValidator validator) {
        this.validator = validator;
    }

    Checked<EventData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields());
        reader.rejectUnknown(FIELDS, PROPERTIES);
        EventData event = new EventData(IdentityData.read(reader), reader.text("event_id"), reader.text("type"),
                reader.instant("occurred_at"), reader.named(PROPERTIES));
        List<Violation> violations = validator.violations(reader, event, record.fields());
        return violations.isEmpty() ? Checked.valid(event) : Checked.invalid(violations);
    }
}
