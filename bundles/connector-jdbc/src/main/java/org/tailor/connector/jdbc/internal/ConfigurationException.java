package org.tailor.connector.jdbc.internal;

/** The connector's configuration cannot work; the message names the property and the reason. */
final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigurationException(String message) {
        super(message);
    }
}
