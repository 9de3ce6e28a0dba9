package org.tailor.ingest.internal;

import java.util.List;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.Violation;

/** What ingesting one record did: the result, and whether it created a profile, changed anything, or merged profiles. */
record Outcome(IngestResult result, boolean created, boolean changed, int merges) {

    static Outcome rejected(List<Violation> violations) {
        return new Outcome(IngestResult.rejected(violations), false, false, 0);
    }
}
