package org.tailor.content.internal;

/** A template file that does not parse; the message is one problem line, {@code file:line:column: reason}. */
final class TemplateSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    TemplateSyntaxException(String file, int line, int column, String reason) {
        super(file + ":" + line + ":" + column + ": " + reason);
    }
}
