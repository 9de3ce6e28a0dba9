package org.tailor.api.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something a person did at a point in time: viewed a product, placed an order, opened an email.
 *
 * <p>Immutable. The id makes an event idempotent: storing the same id twice keeps the first.
 * Property values follow the same types as {@link Profile#attributes()}.
 *
 * @param id unique and stable across re-imports of the same input, never null
 * @param profileId the profile the event belongs to, never null
 * @param type the event type, for example {@code product_viewed} or {@code order}, never null
 * @param occurredAt when it happened, never null
 * @param properties named values describing the event, never null
 * @param source where the event came from, for example {@code csv:events.csv}, never null
 */
public record Event(String id, String profileId, String type, Instant occurredAt,
                    Map<String, Object> properties, String source) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(source, "source");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
