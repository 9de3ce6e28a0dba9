package org.tailor.content.internal;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.runtime.Renderable;

/**
 * Decides what text every {@code $reference} writes into a part.
 *
 * <p>In the HTML part every value is HTML-escaped, except {@link RawHtml} produced by the
 * {@code $raw.name} tool, which is the one explicit way to insert trusted markup. The subject and
 * text parts are not HTML and are never escaped. In all parts values are formatted by
 * {@link TemplateValues#format}.
 *
 * <p>A null stays null, so that the engine's strict mode fails the render for a reference without
 * a value (and a quiet {@code $!ref} writes nothing). The body of a block macro
 * ({@code $bodyContent}) is template text, not a value: Velocity renders it, escaping the
 * references inside it one by one.
 */
final class ReferenceOutput implements ReferenceInsertionEventHandler {

    private final boolean html;

    private ReferenceOutput(boolean html) {
        this.html = html;
    }

    static ReferenceOutput forHtml() {
        return new ReferenceOutput(true);
    }

    static ReferenceOutput forPlainText() {
        return new ReferenceOutput(false);
    }

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null || value instanceof Renderable) {
            return value;
        }
        if (value instanceof RawHtml raw) {
            return raw.toString();
        }
        String text = TemplateValues.format(value);
        return html ? HtmlEscaping.escape(text) : text;
    }
}
