package org.tailor.api.ingest;

import java.util.Objects;

/**
 * Why a record was rejected: the field at fault and the reason, in words an admin can act on.
 *
 * @param field the canonical field name, or {@code *} for the record as a whole; never null
 * @param reason never null
 */
public record Violation(String field, String reason) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
