package org.tailor.content.internal;

import java.util.Map;
import java.util.Optional;
import org.apache.velocity.Template;

/**
 * One loaded template folder: parsed templates, ready to merge.
 *
 * @param id the folder name, which is the template id
 * @param subject parsed subject.vm
 * @param html parsed body.html.vm
 * @param text parsed body.txt.vm, or null when the text part is generated from the HTML
 */
record TemplatePack(String id, Template subject, Template html, Template text) {

    Optional<Template> textTemplate() {
        return Optional.ofNullable(text);
    }

    static TemplatePack of(String id, Map<TemplatePart, Template> parts) {
        return new TemplatePack(id, parts.get(TemplatePart.SUBJECT), parts.get(TemplatePart.HTML),
                parts.get(TemplatePart.TEXT));
    }
}
