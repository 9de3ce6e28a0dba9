package org.tailor.api.content;

import java.util.Objects;

/**
 * Which variant filled one slot of a message, and why.
 *
 * @param slot the slot name, for example {@code hero}
 * @param variant the chosen variant's id, or {@code default}
 * @param block the block that filled the slot
 * @param reason why: the rule that matched, or why every variant before the default did not
 */
public record SlotChoice(String slot, String variant, String block, String reason) {

    public SlotChoice {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(reason, "reason");
    }
}
