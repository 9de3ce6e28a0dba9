package org.tailor.ingest.internal;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;

/**
 * One connector and the single thread that polls it. A single-thread executor with a fixed delay
 * is what guarantees a connector is never polled concurrently, and that a slow poll delays the
 * next one instead of piling up.
 */
final class PolledConnector {

    private static final Logger LOG = LoggerFactory.getLogger(PolledConnector.class);

    private final Connector connector;
    private final String name;
    private final RecordSink sink;
    private final long intervalMs;
    private final ScheduledExecutorService executor;
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";
    private volatile boolean lastPollFailed;
    private volatile Instant lastRunAt;

    PolledConnector(Connector connector, String name, RecordSink sink, long intervalMs) {
        this.connector = connector;
        this.name = name;
        this.sink = sink;
        this.intervalMs = intervalMs;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tailor-connector-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    String name() {
        return name;
    }

    long intervalMs() {
        return intervalMs;
    }

    long polls() {
        return polls.get();
    }

    long failures() {
        return failures.get();
    }

    /** True once stopped and no poll is running. */
    boolean stopped() {
        return executor.isTerminated();
    }

    void start() {
        executor.scheduleWithFixedDelay(this::pollOnce, 0, intervalMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Polls once more as soon as the poll thread is free. A poll in progress is not interrupted;
     * the regular schedule goes on as before.
     */
    void pollNow() {
        try {
            executor.execute(this::pollOnce);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("Connector {} is stopping; poll request ignored", name);
        }
    }

    private void pollOnce() {
        polls.incrementAndGet();
        try {
            connector.poll(sink);
            lastPollFailed = false;
        } catch (Exception | LinkageError e) {
            // A throwing task would silently end a fixed-delay schedule: record it and keep polling.
            // LinkageError too: a partner bundle being refreshed under us must not stop its connector for good.
            failures.incrementAndGet();
            lastFailure = e.getClass().getSimpleName() + ": " + e.getMessage();
            lastPollFailed = true;
            LOG.warn("Connector {} failed to poll; polling again in {} ms", name, intervalMs, e);
        } finally {
            lastRunAt = Instant.now();
        }
    }

    /**
     * Cancels further polls and waits for one in progress to finish.
     *
     * @return true if no poll is running any more
     */
    boolean stop(long timeoutMs) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(timeoutMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
            LOG.warn("Connector {} did not finish its poll within {} ms; interrupting it", name, timeoutMs);
            executor.shutdownNow();
            return false;
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    ConnectorStatus status() {
        ConnectorStatus status;
        try {
            status = connector.status();
        } catch (RuntimeException | LinkageError e) {
            return new ConnectorStatus(name, false, 0, 0, 0, 0, "status unavailable: " + e).withLastRunAt(lastRunAt);
        }
        Optional<Instant> ranAt = status.lastRunAt().or(() -> Optional.ofNullable(lastRunAt));
        if (lastPollFailed) {
            return new ConnectorStatus(status.name(), false, status.accepted(), status.rejected(),
                    status.unitsDone(), status.unitsFailed(), "poll failed: " + lastFailure, ranAt, status.lag());
        }
        if (status.lastError().isEmpty() && !lastFailure.isEmpty()) {
            return new ConnectorStatus(status.name(), status.idle(), status.accepted(), status.rejected(),
                    status.unitsDone(), status.unitsFailed(), "earlier poll failed: " + lastFailure, ranAt, status.lag());
        }
        return new ConnectorStatus(status.name(), status.idle(), status.accepted(), status.rejected(),
                status.unitsDone(), status.unitsFailed(), status.lastError(), ranAt, status.lag());
    }
}
