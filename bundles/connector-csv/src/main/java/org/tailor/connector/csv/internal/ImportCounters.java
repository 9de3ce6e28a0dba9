package org.tailor.connector.csv.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Running totals since the connector started. Written by the polling thread, read by whoever asks
 * for the status, hence atomics.
 */
final class ImportCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong filesFailed = new AtomicLong();
    private volatile String lastError = "";

    void accepted(long rows) {
        accepted.addAndGet(rows);
    }

    void rejected(long rows) {
        rejected.addAndGet(rows);
    }

    void fileDone() {
        filesDone.incrementAndGet();
    }

    void fileFailed() {
        filesFailed.incrementAndGet();
    }

    void error(String message) {
        lastError = message;
    }

    long accepted() {
        return accepted.get();
    }

    long rejected() {
        return rejected.get();
    }

    long filesDone() {
        return filesDone.get();
    }

    long filesFailed() {
        return filesFailed.get();
    }

    String lastError() {
        return lastError;
    }
}
