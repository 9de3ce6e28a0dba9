package org.tailor.content.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tailor.api.content.ExperimentAssignment;
import org.tailor.api.content.SlotChoice;
import org.tailor.api.model.Profile;
import org.tailor.api.segment.ProfileCondition;

/**
 * One slot with its variants' compiled rules: picks the variant for a recipient, the first by
 * priority whose rule and experiment arm both match, else the default.
 */
record SlotPlan(PackManifest.Slot slot, Map<String, ProfileCondition> conditions,
                Map<String, Map<String, Integer>> experiments) {

    /**
     * @param personalized whether the recipient's consent lets rules about them choose content;
     *                     without it only experiment arms and the default can be chosen
     * @param explain whether to say why earlier variants did not match (costs a string per variant)
     */
    SlotChoice choose(Profile profile, boolean personalized, boolean explain) {
        List<String> skipped = explain ? new ArrayList<>() : null;
        for (PackManifest.Variant variant : slot.variants()) {
            String why = mismatch(variant, profile, personalized);
            if (why == null) {
                return new SlotChoice(slot.name(), variant.id(), variant.block(), explain ? matched(variant) : "");
            }
            if (explain) {
                skipped.add(variant.id() + ": " + why);
            }
        }
        String block = slot.defaultBlock().orElseThrow(() -> new IllegalStateException(
                "slot " + slot.name() + " has no default; the linter refuses such packs"));
        return new SlotChoice(slot.name(), "default", block,
                explain ? (skipped.isEmpty() ? "no variants" : "no variant matched (" + String.join("; ", skipped) + ")") : "");
    }

    /** Null if the variant matches, else why not. */
    private String mismatch(PackManifest.Variant variant, Profile profile, boolean personalized) {
        if (variant.experiment().isPresent()) {
            PackManifest.Arm arm = variant.experiment().get();
            String assigned = ExperimentAssignment.armOf(arm.experiment(), profile.id(), experiments.get(arm.experiment()));
            if (!assigned.equals(arm.arm())) {
                return "in arm " + assigned + " of experiment " + arm.experiment() + ", not " + arm.arm();
            }
        }
        if (variant.when().isPresent()) {
            if (!personalized) {
                return "no personalization consent, so rules about the person are not used";
            }
            if (!conditions.get(variant.id()).test(profile)) {
                return "'" + variant.when().get() + "' is false";
            }
        }
        return null;
    }

    private static String matched(PackManifest.Variant variant) {
        List<String> reasons = new ArrayList<>();
        variant.when().ifPresent(rule -> reasons.add("'" + rule + "' is true"));
        variant.experiment().ifPresent(arm -> reasons.add("arm " + arm.arm() + " of experiment " + arm.experiment()));
        return reasons.isEmpty() ? "unconditional variant" : String.join(" and ", reasons)
                + " (priority " + variant.priority() + ")";
    }
}
