package org.tailor.api.content;

import java.util.List;
import java.util.Objects;
import org.tailor.api.model.RenderedMessage;

/**
 * A rendered message with the trace a preview shows: which variant each slot used and why, and
 * which merge fields fell back to their defaults.
 *
 * @param message exactly what would be sent
 * @param slots one choice per slot, in layout order; empty for a template without slots
 * @param defaultedFields the merge fields that had no value for this recipient and used their default,
 *                        as {@code name (file:line:column)}, in render order without repeats
 * @param personalization what the recipient's consent let the template read, as the consent service said it
 */
public record ExplainedMessage(RenderedMessage message, List<SlotChoice> slots, List<String> defaultedFields,
                               String personalization) {

    public ExplainedMessage {
        Objects.requireNonNull(message, "message");
        slots = List.copyOf(slots);
        defaultedFields = List.copyOf(defaultedFields);
        Objects.requireNonNull(personalization, "personalization");
    }
}
