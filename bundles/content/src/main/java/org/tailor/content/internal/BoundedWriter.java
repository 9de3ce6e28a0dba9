package org.tailor.content.internal;

import java.io.Writer;

/**
 * Collects one rendered part and fails it once it grows past the limit, so a runaway template
 * cannot fill the heap through its output. It also notices when the render was abandoned after a
 * timeout (the thread is interrupted) and stops it at the next write.
 */
final class BoundedWriter extends Writer {

    private final StringBuilder out = new StringBuilder();
    private final int maxChars;

    BoundedWriter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void write(char[] buffer, int offset, int length) {
        makeRoomFor(length);
        out.append(buffer, offset, length);
    }

    @Override
    public void write(String text, int offset, int length) {
        makeRoomFor(length);
        out.append(text, offset, offset + length);
    }

    private void makeRoomFor(int length) {
        if (Thread.currentThread().isInterrupted()) {
            throw new TemplateFailure("render interrupted (time limit reached, or the renderer is stopping)");
        }
        if (length > maxChars - out.length()) {
            throw new TemplateFailure("output is longer than " + maxChars + " characters (max.output.chars)");
        }
    }

    @Override
    public void flush() {
        // nothing buffered outside the builder
    }

    @Override
    public void close() {
        // nothing to release
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
