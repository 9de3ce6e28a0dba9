package org.tailor.ingest.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;

/** Reads an alias record into {@link AliasData} and checks it. */
final class AliasValidator {

    static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(IdentityData.FIELDS);
        fields.add("previous_id");
        FIELDS = Set.copyOf(fields);
    }

    private final RecordValidator validator;

    AliasValidator(RecordValidator validator) {
        this.validator = validator;
    }

    Checked<AliasData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields());
        reader.rejectUnknown(FIELDS, null);
        AliasData alias = new AliasData(IdentityData.read(reader), reader.text("previous_id"));
        List<Violation> violations = validator.violations(reader, alias, record.fields());
        return violations.isEmpty() ? Checked.valid(alias) : Checked.invalid(violations);
    }
}
