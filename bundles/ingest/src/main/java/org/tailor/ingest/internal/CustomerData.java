package org.tailor.ingest.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Identity;

/** A customer record as read, with the constraints a valid one meets. Null components are absent. */
record CustomerData(
        @Valid IdentityData identity,
        @Size(max = 256, message = "is longer than 256 characters") String firstName,
        @Size(max = 256, message = "is longer than 256 characters") String lastName,
        @Size(max = 256, message = "is longer than 256 characters") String city,
        @StandardCode(StandardCode.Kind.COUNTRY) String country,
        @StandardCode(StandardCode.Kind.LANGUAGE_TAG) String locale,
        @StandardCode(StandardCode.Kind.TIME_ZONE) String timeZone,
        @PastOrPresent(message = "is in the future") LocalDate birthDate,
        @PastOrPresent(message = "is in the future") Instant signedUpAt,
        @Size(max = 200, message = "has more than 200 entries")
        Map<@Pattern(regexp = CustomerData.NAME, message = CustomerData.NAME_RULE) String, @PropertyValue Object> custom,
        ConsentStatus consent,
        @PastOrPresent(message = "is in the future") Instant consentAt) {

    /** Names of custom attributes and event properties, dots separating nested names. */
    static final String NAME = "[A-Za-z][A-Za-z0-9_.]{0,127}";
    static final String NAME_RULE = "is not a valid name: use letters, digits, _ and dots, starting with a letter, at most 128";

    List<Identity> identities() {
        return identity.identities();
    }

    /** The profile attributes the record sets: standard ones by their canonical names, then custom ones. */
    Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        put(attributes, "first_name", firstName);
        put(attributes, "last_name", lastName);
        put(attributes, "city", city);
        put(attributes, "country", country == null ? null : country.toUpperCase(java.util.Locale.ROOT));
        put(attributes, "locale", locale);
        put(attributes, "time_zone", timeZone);
        put(attributes, "birth_date", birthDate);
        put(attributes, "signed_up_at", signedUpAt);
        attributes.putAll(custom);
        return attributes;
    }

    Optional<ConsentStatus> consentStatus() {
        return Optional.ofNullable(consent);
    }

    private static void put(Map<String, Object> attributes, String name, Object value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
