package org.tailor.api.model;

import java.util.Objects;

/**
 * A named audience. The rule itself is data owned by the segment evaluator; this type
 * carries what other bundles need to refer to it.
 *
 * <p>Immutable.
 *
 * @param id stable id used by campaigns, never null
 * @param name human-readable name, never null
 * @param description what the segment means to a marketer, never null (may be empty)
 * @param origin where the definition was loaded from, for example a file path, never null
 */
public record SegmentDefinition(String id, String name, String description, String origin) {

    public SegmentDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(origin, "origin");
    }
}
