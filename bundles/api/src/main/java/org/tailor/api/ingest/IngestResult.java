package org.tailor.api.ingest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of ingesting one record: accepted into a profile, or rejected with reasons.
 *
 * @param profileId the profile the record went to, or empty if rejected
 * @param violations why it was rejected; empty if accepted
 */
public record IngestResult(Optional<String> profileId, List<Violation> violations) {

    public IngestResult {
        Objects.requireNonNull(profileId, "profileId");
        violations = List.copyOf(violations);
        if (profileId.isPresent() == !violations.isEmpty()) {
            throw new IllegalArgumentException("a result is either accepted or rejected with reasons");
        }
    }

    public static IngestResult accepted(String profileId) {
        return new IngestResult(Optional.of(profileId), List.of());
    }

    public static IngestResult rejected(List<Violation> violations) {
        return new IngestResult(Optional.empty(), violations);
    }

    public boolean isAccepted() {
        return profileId.isPresent();
    }
}
