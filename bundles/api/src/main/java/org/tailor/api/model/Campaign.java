package org.tailor.api.model;

import java.util.Objects;

/**
 * A message to send once to the members of a segment who consented to its purpose.
 *
 * <p>Immutable.
 *
 * @param id stable id, also the name of its folder in the file transport's output, never null
 * @param name human-readable name, never null
 * @param segmentId the audience, never null
 * @param templateId the content template, never null
 * @param purpose the consent purpose every recipient must have granted, never null
 * @param fromAddress the RFC 5322 From address, never null
 */
public record Campaign(String id, String name, String segmentId, String templateId,
                       String purpose, String fromAddress) {

    public Campaign {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(segmentId, "segmentId");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(fromAddress, "fromAddress");
    }
}
