package org.tailor.ingest.internal;

import java.util.List;

/**
 * A validated value, or every reason it is not valid.
 *
 * @param value the value; null exactly when there are violations
 * @param violations never null
 */
record Checked<T>(T value, List<org.tailor.api.ingest.Violation> violations) {

    Checked {
        violations = List.copyOf(violations);
        if ((value == null) == violations.isEmpty()) {
            throw new IllegalArgumentException("either a value or violations");
        }
    }

    static <T> Checked<T> valid(T value) {
        return new Checked<>(value, List.of());
    }

    static <T> Checked<T> invalid(List<org.tailor.api.ingest.Violation> violations) {
        return new Checked<>(null, violations);
    }

    boolean isValid() {
        return value != null;
    }
}
