package org.tailor.consent.internal;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tailor.api.consent.UnknownPurposeException;

/**
 * The configured purposes: which exist, which send email, and what each lets personalization read.
 * Immutable; built from configuration, refusing a configuration that contradicts itself.
 */
final class Purposes {

    /** In an attribute list: every attribute. */
    static final String ALL = "*";

    private final Set<String> all;
    private final Set<String> email;
    private final Set<String> generic;
    private final Map<String, Set<String>> attributes;

    Purposes(String[] purposes, String[] emailPurposes, String[] genericAttributes, String[] purposeAttributes) {
        this.all = Collections.unmodifiableSet(names(purposes));
        if (all.isEmpty()) {
            throw new IllegalArgumentException("purposes must name at least one purpose");
        }
        this.email = Collections.unmodifiableSet(names(emailPurposes));
        email.forEach(this::require);
        this.generic = Collections.unmodifiableSet(names(genericAttributes));
        Map<String, Set<String>> byPurpose = new LinkedHashMap<>();
        for (String entry : purposeAttributes) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("purpose.attributes entry '" + entry
                        + "' is not purpose=attribute,attribute,... or purpose=*");
            }
            String purpose = entry.substring(0, equals).strip();
            require(purpose);
            byPurpose.put(purpose, Collections.unmodifiableSet(names(entry.substring(equals + 1).split(","))));
        }
        this.attributes = Collections.unmodifiableMap(byPurpose);
    }

    static Purposes of(ConsentConfig config) {
        return new Purposes(config.purposes(), config.email_purposes(), config.generic_attributes(),
                config.purpose_attributes());
    }

    Set<String> all() {
        return all;
    }

    boolean known(String purpose) {
        return all.contains(purpose);
    }

    /** @throws UnknownPurposeException if the purpose is not configured */
    void require(String purpose) {
        if (!known(purpose)) {
            throw new UnknownPurposeException(purpose, all);
        }
    }

    boolean sendsEmail(String purpose) {
        return email.contains(purpose);
    }

    Set<String> generic() {
        return generic;
    }

    /** Purpose to the attributes it opens; a set holding {@link #ALL} opens every attribute. */
    Map<String, Set<String>> attributes() {
        return attributes;
    }

    private static Set<String> names(String[] values) {
        Set<String> names = new LinkedHashSet<>();
        Arrays.stream(values).map(String::strip).filter(v -> !v.isEmpty()).forEach(names::add);
        return names;
    }
}
