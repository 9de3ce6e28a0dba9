package org.tailor.content.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One loaded template folder, ready to render. A classic pack (no {@code pack.json}) is a body with
 * no slots; a modular pack is a layout whose slots are filled by blocks chosen per recipient.
 *
 * @param id the folder name, which is the template id
 * @param manifest what pack.json declares ({@link PackManifest#classic()} without one)
 * @param subject the subject line
 * @param preheader the preview text mail clients show after the subject, or empty
 * @param html the HTML body or layout
 * @param text the plain-text body or layout, or empty when the text part is made from the HTML
 * @param blocks every block the slots can use, by name
 * @param slots the slots in declared order, with their compiled conditions
 */
record TemplatePack(String id, PackManifest manifest, CompiledPart subject, Optional<CompiledPart> preheader,
                    CompiledPart html, Optional<CompiledPart> text, Map<String, Block> blocks, List<SlotPlan> slots) {

    /** A block: its HTML, and its own text part or none (then the text comes from the HTML). */
    record Block(String name, CompiledPart html, Optional<CompiledPart> text) {
    }

    /** True if every part renders in time bounded by its size, so no render needs the time limit. */
    boolean bounded() {
        return subject.bounded() && preheader.map(CompiledPart::bounded).orElse(true) && html.bounded()
                && text.map(CompiledPart::bounded).orElse(true)
                && blocks.values().stream().allMatch(b -> b.html().bounded() && b.text().map(CompiledPart::bounded).orElse(true));
    }
}
