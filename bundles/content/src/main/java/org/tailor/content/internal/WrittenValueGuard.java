package org.tailor.content.internal;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.context.InternalWrapperContext;

/**
 * Refuses to write a value that would be longer than the output cap, before it is turned into
 * text. The {@link BoundedWriter} only sees the text once it exists, and a value that never went
 * through {@code #set} can be huge: a range or list passed as a default
 * ({@code $profile.get("x", [1..2000000000])}) would otherwise become a string of billions of
 * characters in memory.
 *
 * <p>Installed in the engine's own event cartridge, which Velocity consults before the one each
 * merge attaches ({@link ReferenceOutput}), so it sees the raw value.
 */
final class WrittenValueGuard implements ReferenceInsertionEventHandler {

    private final int defaultMaxChars;

    /** @param defaultMaxChars the cap when the merge does not run in a {@link TemplateContext} */
    WrittenValueGuard(int defaultMaxChars) {
        this.defaultMaxChars = defaultMaxChars;
    }

    @Override
    public Object referenceInsert(Context context, String reference, Object value) {
        if (value == null || value instanceof String) {
            // Strings are written by length and checked by BoundedWriter before they are copied.
            return value;
        }
        String problem = WrittenSize.problem(value, maxChars(context));
        if (problem != null) {
            throw new TemplateFailure(reference + " " + problem);
        }
        return value;
    }

    private int maxChars(Context context) {
        Context user = context instanceof InternalWrapperContext wrapper ? wrapper.getInternalUserContext() : context;
        return user instanceof TemplateContext template ? template.maxChars() : defaultMaxChars;
    }
}
