package org.tailor.api.content;

/** A message could not be rendered for one recipient. The message says which template, where and why. */
public class RenderException extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }

    public RenderException(String message) {
        super(message);
    }
}
