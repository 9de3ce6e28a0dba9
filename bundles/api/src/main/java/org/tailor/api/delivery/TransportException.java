package org.tailor.api.delivery;

/** A transport did not accept a message. */
public class TransportException extends Exception {

    private static final long serialVersionUID = 1L;
    private final boolean permanent;

    public TransportException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** True if sending the same message again cannot succeed. */
    public boolean isPermanent() {
        return permanent;
    }
}
