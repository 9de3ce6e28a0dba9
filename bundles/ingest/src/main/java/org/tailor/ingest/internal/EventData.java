package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tailor.api.model.Identity;

/** A valid event record; properties keyed without their {@code properties.} prefix. */
record EventData(List<Identity> identities, Optional<String> eventId, String type, Instant occurredAt,
                 Map<String, Object> properties) {
}
