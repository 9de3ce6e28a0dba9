package org.tailor.connector.jdbc.internal;

/** A poll stopped; the message is the one line the console shows, the cause the underlying failure. */
final class PullFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    PullFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
