package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.model.Identity;

/** A valid customer record: who, the attributes it sets, and the consent it states. */
record CustomerData(List<Identity> identities, Map<String, Object> attributes,
                    Optional<ConsentStatus> consent, Optional<Instant> consentAt, Optional<Instant> signedUpAt) {
}
