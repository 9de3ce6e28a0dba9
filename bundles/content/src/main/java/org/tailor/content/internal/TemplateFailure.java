package org.tailor.content.internal;

import org.apache.velocity.util.introspection.Info;

/**
 * Stops a render from inside Velocity (event handlers, the output writer, loop iterators).
 * Unchecked because Velocity's callbacks cannot throw checked exceptions; the renderer digs it
 * out of whatever Velocity wraps it in and turns it into a {@link org.tailor.api.content.RenderException}.
 */
final class TemplateFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Info where;

    TemplateFailure(String reason, Info where) {
        super(reason, null, false, false);
        this.where = where;
    }

    TemplateFailure(String reason) {
        this(reason, null);
    }

    /** Where in the template the failure happened, or null when unknown (output cap, timeout). */
    Info where() {
        return where;
    }
}
