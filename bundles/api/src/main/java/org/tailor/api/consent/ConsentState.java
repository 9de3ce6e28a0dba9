package org.tailor.api.consent;

import java.util.Objects;
import java.util.Optional;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

/**
 * A person's current consent for one purpose, as derived from the history now.
 *
 * @param purpose never null
 * @param status the current state; {@link ConsentStatus#EXPIRED} when the deciding grant's expiry has
 *               passed; {@link ConsentStatus#PENDING} is never reported over a grant in force; never null
 * @param deciding the entry the state comes from, empty when nothing was ever recorded
 *                 (then the status is {@link ConsentStatus#DENIED}); never null
 */
public record ConsentState(String purpose, ConsentStatus status, Optional<ConsentRecord> deciding) {

    public ConsentState {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(deciding, "deciding");
    }

    /** Whether the state allows processing for the purpose. */
    public boolean granted() {
        return status == ConsentStatus.GRANTED;
    }
}
