package org.tailor.api.consent;

import java.util.Objects;

/**
 * The answer to a consent check, with the reason an auditor would want.
 *
 * @param allowed true only if consent is confirmed
 * @param reason why, for example {@code granted at 2026-01-02T10:00:00Z via csv:customers.csv:7}; never null
 * @param unavailable true if the answer is no because consent could not be read (the store is
 *                    unreachable), not because the person said no: a campaign pauses on it
 *                    rather than skipping the person
 */
public record ConsentDecision(boolean allowed, String reason, boolean unavailable) {

    public ConsentDecision {
        Objects.requireNonNull(reason, "reason");
        if (allowed && unavailable) {
            throw new IllegalArgumentException("an unavailable answer cannot allow");
        }
    }

    /** An answer that the store could read: {@link #unavailable()} is false. */
    public ConsentDecision(boolean allowed, String reason) {
        this(allowed, reason, false);
    }

    public static ConsentDecision allow(String reason) {
        return new ConsentDecision(true, reason, false);
    }

    public static ConsentDecision deny(String reason) {
        return new ConsentDecision(false, reason, false);
    }

    /** No, because consent could not be confirmed. */
    public static ConsentDecision unavailable(String reason) {
        return new ConsentDecision(false, reason, true);
    }
}
