package org.tailor.connector.collector.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Running totals for the console; updated by many request threads at once. */
final class CollectorCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong requestsDone = new AtomicLong();
    private final AtomicLong requestsFailed = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>("");
    private final AtomicReference<Instant> lastRequestAt = new AtomicReference<>();

    void calls(long acceptedCalls, long rejectedCalls) {
        accepted.addAndGet(acceptedCalls);
        rejected.addAndGet(rejectedCalls);
    }

    void requestDone(Instant at) {
        requestsDone.incrementAndGet();
        lastRequestAt.set(at);
    }

    /** A request refused as a whole; the message must not contain a write key. */
    void requestFailed(Instant at, String error) {
        requestsFailed.incrementAndGet();
        lastRequestAt.set(at);
        lastError.set(error);
    }

    void error(String error) {
        lastError.set(error);
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    long requestsDone() {
        return requestsDone.get();
    }

    long requestsFailed() {
        return requestsFailed.get();
    }

    String lastError() {
        return lastError.get();
    }

    Optional<Instant> lastRequestAt() {
        return Optional.ofNullable(lastRequestAt.get());
    }
}
