package org.tailor.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.util.converter.Converters;
import org.tailor.api.connector.Connector;
import org.tailor.api.connector.ConnectorStatus;
import org.tailor.api.connector.RecordSink;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.ingest.RecordKind;

class ConnectorSchedulerTest {

    static final long WAIT_SECONDS = 10;

    final AtomicLong ingested = new AtomicLong();
    final IngestService ingest = new IngestService() {
        @Override
        public IngestResult ingest(InboundRecord record) {
            ingested.incrementAndGet();
            return IngestResult.accepted("p1");
        }

        @Override
        public IngestStats stats() {
            return new IngestStats(ingested.get(), 0, 0);
        }

        @Override
        public java.util.List<org.tailor.api.ingest.DeadLetter> deadLetters(java.util.Optional<String> source, int limit) {
            return java.util.List.of();
        }

        @Override
        public java.util.Optional<org.tailor.api.ingest.DeadLetter> deadLetter(long id) {
            return java.util.Optional.empty();
        }

        @Override
        public IngestResult replay(long deadLetterId) {
            throw new IllegalArgumentException("no dead letters here");
        }

        @Override
        public void discard(long deadLetterId, String note) {
            throw new IllegalArgumentException("no dead letters here");
        }
    };

    final ConnectorScheduler scheduler = new ConnectorScheduler(config(Map.of("default.interval.ms", 5)), ingest);

    @AfterEach
    void stop() {
        scheduler.deactivate();
    }

    static ConnectorSchedulerConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(ConnectorSchedulerConfig.class);
    }

    /** Counts polls, notices overlapping ones, and fails or blocks when told to. */
    static final class FakeConnector implements Connector {
        final String name;
        final AtomicInteger polls = new AtomicInteger();
        final Semaphore polled = new Semaphore(0);
        final AtomicBoolean inPoll = new AtomicBoolean();
        final AtomicBoolean overlapped = new AtomicBoolean();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        FakeConnector(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void poll(RecordSink sink) throws Exception {
            if (!inPoll.compareAndSet(false, true)) {
                overlapped.set(true);
            }
            try {
                polls.incrementAndGet();
                sink.accept(new InboundRecord("fake", "1", RecordKind.EVENT, Map.of()));
                if (entered != null) {
                    entered.countDown();
                    release.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new java.io.IOException("share not mounted");
                }
            } finally {
                inPoll.set(false);
                polled.release();
            }
        }

        @Override
        public ConnectorStatus status() {
            return new ConnectorStatus(name, true, polls.get(), 0, 0, 0, "");
        }
    }

    @Test
    void registeredConnectorIsPolledRepeatedlyButNeverConcurrently() throws Exception {
        FakeConnector connector = new FakeConnector("fake");
        scheduler.bindConnector(connector, Map.of());

        assertThat(connector.polled.tryAcquire(5, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(connector.overlapped).isFalse();
        assertThat(ingested.get()).isGreaterThanOrEqualTo(5);
        assertThat(scheduler.connectors()).extracting(ConnectorStatus::name).containsExactly("fake");
    }

    @Test
    void intervalComesFromTheServicePropertyOrTheConfiguredDefault() {
        FakeConnector own = new FakeConnector("own");
        FakeConnector text = new FakeConnector("text");
        FakeConnector bad = new FakeConnector("bad");
        FakeConnector none = new FakeConnector("none");
        scheduler.bindConnector(own, Map.of(Connector.POLL_INTERVAL_PROPERTY, 250L));
        scheduler.bindConnector(text, Map.of(Connector.POLL_INTERVAL_PROPERTY, "300"));
        scheduler.bindConnector(bad, Map.of(Connector.POLL_INTERVAL_PROPERTY, "soon"));
        scheduler.bindConnector(none, Map.of());

        assertThat(scheduler.polledConnector(own).intervalMs()).isEqualTo(250);
        assertThat(scheduler.polledConnector(text).intervalMs()).isEqualTo(300);
        assertThat(scheduler.polledConnector(bad).intervalMs()).isEqualTo(5);
        assertThat(scheduler.polledConnector(none).intervalMs()).isEqualTo(5);
        assertThat(scheduler.connectors()).extracting(ConnectorStatus::name).containsExactly("bad", "none", "own", "text");
        assertThat(new ConnectorScheduler(config(Map.of()), ingest).polledConnector(own)).isNull();
    }

    @Test
    void unboundConnectorIsNoLongerPolled() throws Exception {
        FakeConnector connector = new FakeConnector("fake");
        scheduler.bindConnector(connector, Map.of());
        assertThat(connector.polled.tryAcquire(2, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        PolledConnector entry = scheduler.polledConnector(connector);

        scheduler.unbindConnector(connector);
        int pollsAtUnbind = connector.polls.get();

        assertThat(entry.stopped()).isTrue();
        assertThat(scheduler.connectors()).isEmpty();
        assertThat(scheduler.polledConnector(connector)).isNull();
        connector.polled.drainPermits();
        assertThat(connector.polled.tryAcquire(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(connector.polls.get()).isEqualTo(pollsAtUnbind);
    }

    @Test
    void failingPollIsRecordedAndPollingContinues() throws Exception {
        FakeConnector connector = new FakeConnector("flaky");
        connector.failuresLeft.set(2);
        scheduler.bindConnector(connector, Map.of());

        assertThat(connector.polled.tryAcquire(4, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        PolledConnector entry = scheduler.polledConnector(connector);
        assertThat(entry.failures()).isEqualTo(2);
        assertThat(entry.polls()).isGreaterThanOrEqualTo(4);
        assertThat(scheduler.connectors()).singleElement().extracting(ConnectorStatus::lastError).asString()
                .contains("IOException: share not mounted");
    }

    @Test
    void failureShowsInStatusWhileTheLastPollFailed() throws Exception {
        FakeConnector connector = new FakeConnector("down");
        connector.failuresLeft.set(Integer.MAX_VALUE);
        scheduler.bindConnector(connector, Map.of());

        assertThat(connector.polled.tryAcquire(2, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        ConnectorStatus status = scheduler.connectors().get(0);
        assertThat(status.idle()).isFalse();
        assertThat(status.lastError()).isEqualTo("poll failed: IOException: share not mounted");
    }

    @Test
    void unbindWaitsForThePollInProgress() throws Exception {
        FakeConnector connector = new FakeConnector("slow");
        connector.entered = new CountDownLatch(1);
        connector.release = new CountDownLatch(1);
        scheduler.bindConnector(connector, Map.of());
        assertThat(connector.entered.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        Thread unbinding = new Thread(() -> scheduler.unbindConnector(connector));
        unbinding.start();
        unbinding.join(100);
        assertThat(unbinding.isAlive()).as("unbind returned while a poll was running").isTrue();

        connector.release.countDown();
        unbinding.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertThat(unbinding.isAlive()).isFalse();
        assertThat(connector.inPoll).isFalse();
    }

    @Test
    void deactivateStopsEveryConnectorAndIgnoresLaterBinds() throws Exception {
        FakeConnector a = new FakeConnector("a");
        FakeConnector b = new FakeConnector("b");
        scheduler.bindConnector(a, Map.of());
        scheduler.bindConnector(b, Map.of());
        assertThat(a.polled.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        PolledConnector entryA = scheduler.polledConnector(a);
        PolledConnector entryB = scheduler.polledConnector(b);

        scheduler.deactivate();
        scheduler.bindConnector(new FakeConnector("late"), Map.of());

        assertThat(entryA.stopped()).isTrue();
        assertThat(entryB.stopped()).isTrue();
        assertThat(scheduler.connectors()).isEmpty();
        assertThat(Optional.ofNullable(scheduler.polledConnector(a))).isEmpty();
    }
}
