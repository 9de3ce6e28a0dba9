package org.tailor.segments.internal;

import org.tailor.api.model.SegmentDefinition;
import org.tailor.segments.internal.LocatedJson.Position;

/**
 * A segment that loaded from a file.
 *
 * @param segment the parsed segment
 * @param file the file's name, for messages
 * @param definition what other bundles see; its origin is the file's path
 * @param idPosition where the file wrote the id, for messages about duplicates
 */
record LoadedSegment(Segment segment, String file, SegmentDefinition definition, Position idPosition) {

    static LoadedSegment of(Segment segment, String file, String origin, Position idPosition) {
        return new LoadedSegment(segment, file,
                new SegmentDefinition(segment.id(), segment.name(), segment.description(), origin), idPosition);
    }

    String id() {
        return segment.id();
    }
}
