package org.tailor.ingest.internal;

import java.util.List;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/**
 * What ingesting one record did: the result, and whether it created a profile, changed anything,
 * or merged profiles into the result's profile.
 *
 * @param changed whether anything was stored: the profile, an event, an order, consent
 * @param profileChanged whether the profile itself changed: attributes, identities, consent, purchase
 *                       figures; a new event alone does not change it
 * @param absorbed the profiles merged into the result's profile, never null
 */
record Outcome(IngestResult result, boolean created, boolean changed, boolean profileChanged, List<String> absorbed) {

    Outcome {
        absorbed = List.copyOf(absorbed);
    }

    static Outcome rejected(List<Violation> violations) {
        return new Outcome(IngestResult.rejected(violations), false, false, false, List.of());
    }
}
