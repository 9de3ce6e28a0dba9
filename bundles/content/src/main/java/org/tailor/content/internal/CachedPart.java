package org.tailor.content.internal;

/**
 * A part whose output is the same for every recipient of its pack (it reads only the pack's style
 * and images): rendered by the first message that needs it, under that render's limits, and kept.
 */
final class CachedPart implements CompiledPart {

    private final VelocityPart part;
    private volatile String output;

    CachedPart(VelocityPart part) {
        this.part = part;
    }

    @Override
    public String file() {
        return part.file();
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public String render(RenderScope scope) {
        String kept = output;
        if (kept == null) {
            // Two first renders may both merge; they produce the same text, so either may win.
            kept = part.render(scope);
            output = kept;
        }
        return kept;
    }
}
