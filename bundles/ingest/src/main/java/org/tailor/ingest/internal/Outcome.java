package org.tailor.ingest.internal;

import java.util.List;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/**
 * What ingesting one record did: the result, and whether it created a profile, changed anything,
 * or merged profiles into the result's profile.
 *
 * @param absorbed the profiles merged into the result's profile, never null
 */
record Outcome(IngestResult result, boolean created, boolean changed, List<String> absorbed) {

    Outcome {
        absorbed = List.copyOf(absorbed);
    }

    static Outcome rejected(List<Violation> violations) {
        return new Outcome(IngestResult.rejected(violations), false, false, List.of());
    }
}
