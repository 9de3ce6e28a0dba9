package org.tailor.connector.collector.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a call happened, as the tracking spec defines it: the call's {@code timestamp} if it has
 * one; otherwise the device's {@code originalTimestamp} corrected for the device clock's skew,
 * which is the gap between the {@code sentAt} the device stamped and the time the request was
 * received; otherwise the time it was received.
 */
final class EventTimes {

    private EventTimes() {
    }

    static Instant occurredAt(Optional<Instant> timestamp, Optional<Instant> originalTimestamp,
                              Optional<Instant> sentAt, Instant receivedAt) {
        if (timestamp.isPresent()) {
            return timestamp.get();
        }
        if (originalTimestamp.isPresent()) {
            if (sentAt.isEmpty()) {
                return originalTimestamp.get();
            }
            return receivedAt.minus(Duration.between(originalTimestamp.get(), sentAt.get()));
        }
        return receivedAt;
    }
}
