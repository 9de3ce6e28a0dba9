package org.tailor.content.internal;

/**
 * One file of a pack (subject, preheader, layout, block part) ready to render for a recipient:
 * a Velocity merge, or, when analysis at load shows the file holds only text and simple merge
 * fields, a direct concatenation that gives the same output without the engine.
 */
interface CompiledPart {

    /** {@code <pack>/<file>}, for problem lines. */
    String file();

    /**
     * Renders the part.
     *
     * @throws TemplateFailure or whatever Velocity throws, which {@link RenderFailures} describes
     */
    String render(RenderScope scope);

    /** Whether the part can only run for a time bounded by its size: no loops and no macros. */
    boolean bounded();
}
