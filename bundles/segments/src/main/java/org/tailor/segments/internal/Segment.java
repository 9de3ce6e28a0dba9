package org.tailor.segments.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One segment as written in its file: what it is called and who is in it.
 *
 * @param id stable id, matching {@link #ID}
 * @param name human-readable name; the id when the file gives none
 * @param description what the segment means to a marketer, possibly empty
 * @param rule who is in it
 */
record Segment(String id, String name, String description, Rule rule) {

    /** Ids are used in file names, URLs and console commands, hence the narrow alphabet. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    Segment {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("segment id must match " + ID + ": " + id);
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(rule, "rule");
    }
}
