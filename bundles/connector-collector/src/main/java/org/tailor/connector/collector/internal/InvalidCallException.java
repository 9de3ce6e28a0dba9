package org.tailor.connector.collector.internal;

/** A call breaks the tracking spec; names the field at fault (in the call's own terms) and why. */
final class InvalidCallException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidCallException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    String field() {
        return field;
    }

    String reason() {
        return getMessage();
    }
}
