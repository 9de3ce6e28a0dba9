package org.tailor.content.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pack.json} declares: the consent purpose the messages are sent under, brand style
 * values and images, A/B experiments, and the slots of the layout with their variants.
 *
 * @param purpose the consent purpose; {@code email_marketing} messages must carry an unsubscribe link
 * @param style brand values, {@code $style.<name>} in templates
 * @param images image URLs, {@code $images.<name>} in templates
 * @param experiments experiment name to its arms and their weights, in declared order
 * @param slots in declared order
 */
record PackManifest(String purpose, Map<String, String> style, Map<String, String> images,
                    Map<String, Map<String, Integer>> experiments, List<Slot> slots) {

    static final String MARKETING = "email_marketing";

    /** Where in pack.json something was declared, for problem lines. */
    record Where(String file, int line, int column, String path) {
    }

    /**
     * One slot: its variants in the order they are tried (highest priority first, then as listed),
     * and the block used when none matches.
     */
    record Slot(String name, List<Variant> variants, Optional<String> defaultBlock, Where where) {
    }

    /**
     * One variant of a slot.
     *
     * @param when a rule in the segment text syntax, or empty
     * @param experiment the experiment and arm this variant is for, or empty
     */
    record Variant(String id, Optional<String> when, Optional<Arm> experiment, int priority, String block, Where where) {

        /** True if it matches everyone it is asked about: no rule and no experiment. */
        boolean unconditional() {
            return when.isEmpty() && experiment.isEmpty();
        }
    }

    /** An experiment arm: {@code "experiment": "hero-test", "arm": "B"}. */
    record Arm(String experiment, String arm) {
    }

    /** The manifest of a pack without pack.json: no slots, nothing declared. */
    static PackManifest classic() {
        return new PackManifest("", Map.of(), Map.of(), Map.of(), List.of());
    }
}
