package org.tailor.api.delivery;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hands finished messages to the outside world: a folder of {@code .eml} files, an SMTP
 * relay. Registered as a whiteboard service; the runtime uses the one whose
 * {@code tailor.transport} service property matches its configuration, highest ranking first.
 *
 * <p>Implementations must be thread safe. {@link #deliver} returns only once the message is
 * accepted durably; delivering the same idempotency key twice should be a no-op where the
 * transport can tell.
 */
@ConsumerType
public interface Transport {

    /** The service property that names a transport. */
    String NAME_PROPERTY = "tailor.transport";

    /**
     * Delivers one message.
     *
     * @throws TransportException if the message was not accepted; {@link TransportException#isPermanent()}
     *     says whether trying again can help
     */
    void deliver(OutboxEntry entry) throws TransportException;
}
