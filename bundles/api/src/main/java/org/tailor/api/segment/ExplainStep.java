package org.tailor.api.segment;

import java.util.List;
import java.util.Objects;

/**
 * Why a profile is in or out of a segment: one node of the rule with what it read and what it
 * decided, and the same for its children.
 *
 * <p>Immutable.
 *
 * @param condition the node in the segment text syntax, for example {@code event product_viewed >= 3 times within 14 days}; never null
 * @param detail what it found, for example {@code 2 times within 14 days, needed >= 3}; never null, may be empty
 * @param result whether the node matched
 * @param children the steps of its parts (for all / any / not), never null
 */
public record ExplainStep(String condition, String detail, boolean result, List<ExplainStep> children) {

    public ExplainStep {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(detail, "detail");
        children = List.copyOf(children);
    }
}
