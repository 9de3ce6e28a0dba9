package org.tailor.benchmarks.templates;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Plain Velocity 2.4.1: its default uberspector, no sandbox, no caps, default (non-strict)
 * references. The same template file Tailor renders ({@link EmailTemplates#VELOCITY}), the
 * {@link EmailModel} maps, and escaping by a reference-insertion handler, the usual way to escape
 * in Velocity ({@link HtmlEscape}; Velocity's own {@code EscapeHtmlReference} writes named
 * entities for every non-ASCII letter and leaves apostrophes alone).
 */
final class VelocityEmail implements EmailEngine {

    @Override
    public Rendering prepare(List<Recipient> recipients) {
        VelocityEngine velocity = new VelocityEngine();
        velocity.setProperty(RuntimeConstants.RESOURCE_LOADERS, "class");
        velocity.setProperty("resource.loader.class.class", ClasspathResourceLoader.class.getName());
        velocity.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapingReferences.class.getName());
        velocity.init();
        Template template = velocity.getTemplate(EmailTemplates.VELOCITY, "UTF-8");
        List<Map<String, Object>> models = EmailModel.models(recipients);
        return recipient -> {
            // A context of its own per render: #foreach puts its variable into the context.
            VelocityContext context = new VelocityContext(new HashMap<>(models.get(recipient)));
            StringWriter out = new StringWriter();
            template.merge(context, out);
            return out.toString();
        };
    }

    /** Escapes every inserted value; Velocity instantiates it by name. */
    public static final class EscapingReferences implements ReferenceInsertionEventHandler {

        @Override
        public Object referenceInsert(Context context, String reference, Object value) {
            return value == null ? null : HtmlEscape.escape(value.toString());
        }
    }
}
