package org.tailor.connector.jdbc.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals since the connector started. Written by the polling thread, read by whoever asks
 * for the status, hence atomics and volatiles.
 */
final class PullCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong batchesDone = new AtomicLong();
    private final AtomicLong pollsFailed = new AtomicLong();
    private volatile String lastError = "";
    private volatile boolean idle;
    private volatile Instant lastRunAt;
    private volatile Instant newestImported;

    void countAccepted() {
        accepted.incrementAndGet();
    }

    void countRejected() {
        rejected.incrementAndGet();
    }

    void batchDone() {
        batchesDone.incrementAndGet();
    }

    void pollFinished(Instant at, boolean caughtUp) {
        lastRunAt = at;
        idle = caughtUp;
    }

    /** Shows the error without counting a failed poll, for a problem found before any poll. */
    void error(Instant at, String message) {
        lastError = at + " " + message;
    }

    void pollFailed(Instant at, String message) {
        pollsFailed.incrementAndGet();
        error(at, message);
        lastRunAt = at;
        idle = false;
    }

    void newestImported(Optional<Instant> at) {
        at.ifPresent(instant -> newestImported = instant);
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    long batchesDone() {
        return batchesDone.get();
    }

    long pollsFailed() {
        return pollsFailed.get();
    }

    String lastError() {
        return lastError;
    }

    boolean idle() {
        return idle;
    }

    Optional<Instant> lastRunAt() {
        return Optional.ofNullable(lastRunAt);
    }

    Optional<Instant> newestImported() {
        return Optional.ofNullable(newestImported);
    }
}
