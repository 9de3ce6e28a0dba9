package org.tailor.ingest.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.model.ConsentStatus;

/** Checks a customer record and turns it into profile attributes and a consent statement. */
final class CustomerValidator {

    static final String ATTRIBUTES = "attributes.";
    static final Set<String> FIELDS = Set.of("customer_id", "email", "first_name", "last_name", "city", "country",
            "birth_date", "signed_up_at", "locale", "time_zone", "email_marketing_consent", "consent_at");

    private final Clock clock;

    CustomerValidator(Clock clock) {
        this.clock = clock;
    }

    Checked<CustomerData> validate(InboundRecord record) {
        FieldReader reader = new FieldReader(record.fields(), clock);
        reader.rejectUnknown(FIELDS, ATTRIBUTES);
        var identities = IdentityFields.read(reader);

        Map<String, Object> attributes = new LinkedHashMap<>();
        for (String name : new String[] {"first_name", "last_name", "city"}) {
            reader.text(name).ifPresent(v -> attributes.put(name, v));
        }
        reader.country("country").ifPresent(v -> attributes.put("country", v));
        reader.locale("locale").ifPresent(v -> attributes.put("locale", v));
        reader.timeZone("time_zone").ifPresent(v -> attributes.put("time_zone", v));
        reader.pastDate("birth_date").ifPresent(v -> attributes.put("birth_date", v));
        var signedUpAt = reader.instant("signed_up_at");
        signedUpAt.ifPresent(v -> attributes.put("signed_up_at", v));

        reader.prefixed(ATTRIBUTES).forEach((name, value) -> {
            // A custom attribute must not silently overwrite a standard one that is validated differently.
            if (FIELDS.contains(name)) {
                reader.violation(ATTRIBUTES + name, "clashes with the standard field " + name + "; use the " + name + " column");
            } else {
                attributes.put(name, value);
            }
        });

        Optional<ConsentStatus> consent = consentStatus(reader);
        var consentAt = reader.instant("consent_at");

        if (!reader.violations().isEmpty()) {
            return Checked.invalid(reader.violations());
        }
        return Checked.valid(new CustomerData(identities, attributes, consent, consentAt, signedUpAt));
    }

    private static Optional<ConsentStatus> consentStatus(FieldReader reader) {
        return reader.text("email_marketing_consent").flatMap(text -> {
            try {
                return Optional.of(ConsentStatus.valueOf(text.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                reader.violation("email_marketing_consent",
                        Text.quote(text) + " is not a consent status: use granted, denied, withdrawn, pending or leave it empty");
                return Optional.empty();
            }
        });
    }
}
