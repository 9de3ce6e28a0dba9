package org.tailor.api.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * What following a signed link did.
 *
 * @param result never null
 * @param message a sentence for the person, without personal data; never null
 * @param nextToken for the preference page: the token that allows the next change; never null
 */
public record LinkOutcome(Result result, String message, Optional<String> nextToken) {

    /** How a link was taken. */
    public enum Result {
        /** The change was made. */
        DONE,
        /** The link had been used before; nothing was changed again. */
        ALREADY_USED,
        /** The link is older than its lifetime. */
        EXPIRED,
        /** The link was not signed by this installation, was altered, or is of another kind. */
        INVALID,
        /** Consent could not be read or written now; nothing was changed; try again later. */
        UNAVAILABLE
    }

    public LinkOutcome {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(nextToken, "nextToken");
    }

    public LinkOutcome(Result result, String message) {
        this(result, message, Optional.empty());
    }
}
