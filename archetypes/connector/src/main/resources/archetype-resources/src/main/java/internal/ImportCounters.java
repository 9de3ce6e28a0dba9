package ${package}.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.tailor.api.connector.ConnectorStatus;

/** The connector's progress since start. Written by the polling thread, read by the console at any time. */
final class ImportCounters {

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong pagesDone = new AtomicLong();
    private final AtomicLong pagesFailed = new AtomicLong();
    private volatile String lastError = "";
    private volatile boolean caughtUp;
    private volatile Instant lastRunAt;
    private volatile Instant newestChange;

    void accepted() {
        accepted.incrementAndGet();
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    void pageDone(Optional<Instant> newestChangeOnPage) {
        pagesDone.incrementAndGet();
        newestChangeOnPage.ifPresent(at -> {
            if (newestChange == null || at.isAfter(newestChange)) {
                newestChange = at;
            }
        });
    }

    void pageFailed(String error) {
        pagesFailed.incrementAndGet();
        error(error);
    }

    void error(String error) {
        lastError = error;
    }

    void pollFinished(boolean caughtUp, Instant at) {
        this.caughtUp = caughtUp;
        this.lastRunAt = at;
    }

    ConnectorStatus status(String name, Instant now) {
        // Caught up means no lag, however old the newest change is; otherwise we are as far behind as it is old.
        Optional<Duration> lag = caughtUp ? Optional.of(Duration.ZERO)
                : Optional.ofNullable(newestChange).map(at -> at.isAfter(now) ? Duration.ZERO : Duration.between(at, now));
        return new ConnectorStatus(name, caughtUp, accepted.get(), rejected.get(), pagesDone.get(), pagesFailed.get(),
                lastError, Optional.ofNullable(lastRunAt), lag);
    }
}
