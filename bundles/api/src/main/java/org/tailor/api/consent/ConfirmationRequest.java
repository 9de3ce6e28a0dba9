package org.tailor.api.consent;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of asking a person to confirm a purpose (double opt-in).
 *
 * @param alreadyConfirmed true if the purpose is granted and in force: nothing was recorded and no
 *                         confirmation message should be sent
 * @param confirmUrl the link for the confirmation message, empty when already confirmed
 * @param expiresAt when the link stops working, empty when already confirmed
 */
public record ConfirmationRequest(boolean alreadyConfirmed, Optional<URI> confirmUrl, Optional<Instant> expiresAt) {

    public ConfirmationRequest {
        Objects.requireNonNull(confirmUrl, "confirmUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
