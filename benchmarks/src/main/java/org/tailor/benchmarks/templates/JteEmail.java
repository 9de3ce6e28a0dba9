package org.tailor.benchmarks.templates;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.List;

/**
 * jte, with the template compiled to Java at build time by jte-maven-plugin
 * ({@code src/main/jte/email.jte}) and loaded as a precompiled class: jte's production set-up. The
 * template reads the {@link Recipient} record directly, as jte templates take typed parameters.
 * Values are escaped by {@link UniformEscapingOutput} (see there why).
 */
final class JteEmail implements EmailEngine {

    static final String TEMPLATE = "email.jte";

    @Override
    public Rendering prepare(List<Recipient> recipients) {
        TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
        engine.prepareForRendering(TEMPLATE);
        Recipient[] all = recipients.toArray(Recipient[]::new);
        return recipient -> {
            StringOutput out = new StringOutput();
            engine.render(TEMPLATE, all[recipient], new UniformEscapingOutput(out));
            return out.toString();
        };
    }
}
