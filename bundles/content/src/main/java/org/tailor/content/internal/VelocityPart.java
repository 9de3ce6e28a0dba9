package org.tailor.content.internal;

import java.util.HashMap;
import org.apache.velocity.Template;
import org.apache.velocity.app.event.EventCartridge;

/** A part merged by the sandboxed engine, with every value escaped for its output. */
final class VelocityPart implements CompiledPart {

    private final String file;
    private final Template template;
    private final boolean html;
    private final boolean bounded;

    VelocityPart(String file, Template template, boolean html, boolean bounded) {
        this.file = file;
        this.template = template;
        this.html = html;
        this.bounded = bounded;
    }

    @Override
    public String file() {
        return file;
    }

    @Override
    public boolean bounded() {
        return bounded;
    }

    @Override
    public String render(RenderScope scope) {
        // A fresh context per part: a #set in one part must not leak into another.
        TemplateContext context = new TemplateContext(new HashMap<>(scope.values()), scope.maxOutputChars(),
                scope.maxRenderSteps(), scope.deadline());
        EventCartridge events = new EventCartridge();
        events.addEventHandler(html ? ReferenceOutput.forHtml() : ReferenceOutput.forPlainText());
        events.attachToContext(context);
        BoundedWriter out = new BoundedWriter(scope.maxOutputChars());
        scope.velocity().merge(template, context, out);
        return out.toString();
    }
}
