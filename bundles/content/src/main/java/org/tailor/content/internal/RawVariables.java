package org.tailor.content.internal;

import java.util.Map;

/**
 * The {@code $raw} tool: {@code $raw.footer_html} inserts the runtime variable
 * {@code footer_html} into the HTML part without escaping it. Only variables the runtime passes
 * can be read this way; profile attributes, which come from customers, are always escaped.
 * Public only because Velocity introspects public classes.
 */
public final class RawVariables {

    private final Map<String, Object> variables;

    RawVariables(Map<String, Object> variables) {
        this.variables = variables;
    }

    /** The variable marked as trusted markup, or null when there is no such variable. */
    public RawHtml get(String name) {
        Object value = variables.get(name);
        return value == null ? null : new RawHtml(TemplateValues.format(value));
    }

    @Override
    public String toString() {
        return "";
    }
}
