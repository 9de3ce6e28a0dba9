package org.tailor.ingest.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.Violation;
import org.tailor.api.model.ConsentStatus;

/** Reads a customer record into {@link CustomerData} and checks it. */
final class CustomerValidator {

    static final String ATTRIBUTES = "attributes.";
    static final Set<String> FIELDS;

    static {
        Set<String> fields = new HashSet<>(IdentityData.FIELDS);
        fields.addAll(List.of("first_name", "last_name", "city", "country", "birth_date", "signed_up_at", "locale",
                "time_zone", "email_marketing_consent", "consent_at"));
        FIELDS = Set.copyOf(fields);
    }

    private final RecordValidator validator;

    CustomerValidator(RecordValidator validator) {
        this.validator = validator;
    }

    Checked<CustomerData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields());
        reader.rejectUnknown(FIELDS, ATTRIBUTES);
        IdentityData identity = IdentityData.read(reader);
        Map<String, Object> custom = reader.named(ATTRIBUTES);
        for (String name : List.copyOf(custom.keySet())) {
            // A custom attribute must not silently overwrite a standard one that is validated differently.
            if (FIELDS.contains(name)) {
                reader.violation(ATTRIBUTES + name, "clashes with the standard field " + name + "; use the " + name + " field");
                custom.remove(name);
            } else if (PurchaseFigures.DERIVED.contains(name)) {
                reader.violation(ATTRIBUTES + name, "is derived from the person's orders and cannot be imported; import orders instead");
                custom.remove(name);
            }
        }
        CustomerData customer = new CustomerData(identity, reader.text("first_name"), reader.text("last_name"),
                reader.text("city"), reader.text("country"), reader.languageTag("locale"), reader.text("time_zone"),
                reader.date("birth_date"), reader.instant("signed_up_at"), custom, consentStatus(reader),
                reader.instant("consent_at"));
        List<Violation> violations = validator.violations(reader, customer, record.fields());
        return violations.isEmpty() ? Checked.valid(customer) : Checked.invalid(violations);
    }

    private static ConsentStatus consentStatus(FieldReader reader) {
        String text = reader.text("email_marketing_consent");
        if (text == null) {
            return null;
        }
        try {
            return ConsentStatus.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            reader.violation("email_marketing_consent",
                    Text.quote(text) + " is not a consent status: use granted, denied, withdrawn, pending or leave it empty");
            return null;
        }
    }
}
