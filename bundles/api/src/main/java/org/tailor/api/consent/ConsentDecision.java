package org.tailor.api.consent;

import java.util.Objects;

/**
 * The answer to a consent check, with the reason an auditor would want.
 *
 * @param allowed true only if consent is confirmed
 * @param reason why, for example {@code granted at 2026-01-02T10:00:00Z via csv:customers.csv:7}; never null
 */
public record ConsentDecision(boolean allowed, String reason) {

    public ConsentDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static ConsentDecision allow(String reason) {
        return new ConsentDecision(true, reason);
    }

    public static ConsentDecision deny(String reason) {
        return new ConsentDecision(false, reason);
    }
}
