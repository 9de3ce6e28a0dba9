package org.tailor.api.consent;

import java.util.Objects;
import java.util.Set;

/**
 * Which attributes personalization may read for one person now.
 *
 * @param all true if every attribute may be read
 * @param names the attributes that may be read when {@code all} is false; never null
 * @param reason which purposes allowed what, for logs and previews; never null
 */
public record AttributeScope(boolean all, Set<String> names, String reason) {

    public AttributeScope {
        names = Set.copyOf(names);
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether the attribute may be read. */
    public boolean allows(String attribute) {
        return all || names.contains(attribute);
    }
}
