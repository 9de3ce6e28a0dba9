package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tailor.runtime.internal.SmtpTestSupport.entry;
import static org.tailor.runtime.internal.SmtpTestSupport.plain;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.model.SuppressionReason;
import org.tailor.runtime.internal.FakeSmtpServer.Fault;
import org.tailor.runtime.internal.FakeSmtpServer.Step;
import org.tailor.runtime.internal.SmtpTestSupport.FakeClock;
import org.tailor.runtime.internal.SmtpTestSupport.RecordingSuppressions;

/** The SMTP transport against a server that refuses, drops, and stalls. */
class SmtpTransportFaultTest {

    private final FakeClock clock = new FakeClock();
    private final RecordingSuppressions suppressions = new RecordingSuppressions();
    private FakeSmtpServer server;
    private SmtpTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = new FakeSmtpServer(null, clock::ticks);
    }

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.close();
        }
        server.close();
    }

    private SmtpTransport transport(Map<String, ?> overrides) {
        transport = new SmtpTransport(plain(server.port(), overrides), null, clock::ticks, clock);
        transport.bindSuppressions(suppressions);
        return transport;
    }

    @Test
    void sendsTheStoredBytesUnchangedToTheEnvelopeRecipient() throws Exception {
        OutboxEntry entry = entry("k1", "ann@example.org");
        transport(Map.of()).deliver(entry);

        assertThat(server.accepted()).singleElement().satisfies(a -> {
            assertThat(a.recipient()).isEqualTo("ann@example.org");
            assertThat(a.mailFrom()).isEqualTo("news@example.com");
            assertThat(a.data()).isEqualTo(entry.mime());
        });
    }

    @Test
    void envelopeRecipientIsTheEntrysNotTheToHeader() throws Exception {
        OutboxEntry entry = entry("k1", "ann@example.org");
        OutboxEntry redirected = new OutboxEntry(entry.idempotencyKey(), entry.campaignId(), entry.profileId(),
                "seed@example.net", entry.mime(), entry.status(), entry.createdAt(), "");
        transport(Map.of("envelope.from", "bounces@example.com")).deliver(redirected);

        assertThat(server.accepted()).singleElement().satisfies(a -> {
            assertThat(a.recipient()).isEqualTo("seed@example.net");
            assertThat(a.mailFrom()).isEqualTo("bounces@example.com");
            assertThat(a.text()).contains("To: ann@example.org");
        });
    }

    @Test
    void retriesA421GreetingAndDeliversOnTheNextConnection() throws Exception {
        server.then(Fault.reply(Step.GREETING, "421 4.3.2 too busy, try later"));
        transport(Map.of("retries", 2)).deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).hasSize(1);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(clock.sleepsMillis()).containsExactly(100L);
    }

    @Test
    void retriesA451AfterTheDataOnTheSameConnection() throws Exception {
        server.then(Fault.reply(Step.DATA_END, "451 4.3.0 local error, try again"));
        transport(Map.of("retries", 2)).deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).hasSize(1);
        assertThat(server.transactions()).isEqualTo(2);
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void givesUpAfterTheConfiguredRetriesWithDoublingCappedDelaysAndLeavesTheEntryTemporary() throws Exception {
        for (int i = 0; i < 10; i++) {
            server.then(Fault.reply(Step.RCPT, "451 4.7.1 greylisted, come back later"));
        }
        transport(Map.of("retries", 4, "retry.initial.backoff.ms", 100, "retry.max.backoff.ms", 500));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).contains("451 4.7.1 greylisted").contains("5 attempt(s)");
                });
        assertThat(server.transactions()).isEqualTo(5);
        assertThat(server.accepted()).isEmpty();
        assertThat(clock.sleepsMillis()).containsExactly(100L, 200L, 400L, 500L);
        assertThat(suppressions.added).isEmpty();
    }

    @Test
    void reportsA5xxAsPermanentWithTheServersReplyAndDoesNotRetry() throws Exception {
        server.then(Fault.reply(Step.DATA_END, "554 5.7.1 message content rejected as spam"));
        transport(Map.of("retries", 3));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("554 5.7.1 message content rejected as spam");
                });
        assertThat(server.transactions()).isEqualTo(1);
        assertThat(clock.sleepsMillis()).isEmpty();
        assertThat(suppressions.added).isEmpty();
    }

    @Test
    void hardBounceIsPermanentAndSuppressesTheAddressWithoutPuttingItInTheNote() throws Exception {
        server.rejectRecipient("gone@example.org", "550 5.1.1 <gone@example.org>: Recipient address rejected: "
                + "User unknown in virtual mailbox table");
        transport(Map.of());

        assertThatThrownBy(() -> transport.deliver(entry("k1", "gone@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isTrue();
                    assertThat(e.getMessage()).contains("550 5.1.1");
                });
        assertThat(suppressions.added).singleElement().satisfies(s -> {
            assertThat(s.address()).isEqualTo("gone@example.org");
            assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
            assertThat(s.note()).contains("550").doesNotContain("gone@");
            assertThat(s.actor()).isEqualTo("smtp-transport");
        });

        // The refusal left the session clean: the next message goes out on the same connection.
        transport.deliver(entry("k2", "ann@example.org"));
        assertThat(server.accepted()).extracting(FakeSmtpServer.Accepted::recipient).containsExactly("ann@example.org");
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aPolicy550IsPermanentButNotAHardBounce() throws Exception {
        server.rejectRecipient("ann@example.org", "550 5.7.1 relaying denied");
        transport(Map.of());

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isTrue());
        assertThat(suppressions.added).isEmpty();
    }

    @Test
    void aHardBounceWithoutASuppressionListIsStillReportedPermanent() throws Exception {
        server.rejectRecipient("gone@example.org", "550 5.1.1 user unknown");
        transport = new SmtpTransport(plain(server.port(), Map.of()), null, clock::ticks, clock);
        transport.bindSuppressions(suppressions);
        transport.unbindSuppressions(suppressions);

        assertThatThrownBy(() -> transport.deliver(entry("k1", "gone@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isTrue());
        assertThat(suppressions.added).isEmpty();
    }

    @Test
    void aConnectionDroppedMidDataIsNotReportedDeliveredAndIsRetriedOnANewConnection() throws Exception {
        server.then(Fault.drop(Step.MID_DATA));
        transport(Map.of("retries", 1)).deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).hasSize(1);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(clock.sleepsMillis()).containsExactly(100L);
    }

    @Test
    void aConnectionDroppedMidDataWithNoRetriesLeftIsTemporary() throws Exception {
        server.then(Fault.drop(Step.MID_DATA));
        transport(Map.of("retries", 0));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isFalse());
        assertThat(server.accepted()).isEmpty();
    }

    @Test
    void aSlowServerWithinTheReadTimeoutIsWaitedFor() throws Exception {
        server.then(Fault.slow(Step.DATA_END, 300));
        transport(Map.of("read.timeout.ms", 5_000, "retries", 0)).deliver(entry("k1", "ann@example.org"));

        assertThat(server.accepted()).hasSize(1);
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsNotReportedDelivered() throws Exception {
        server.then(Fault.slow(Step.DATA, 1_500));
        transport(Map.of("read.timeout.ms", 200, "retries", 0));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).containsIgnoringCase("timed out");
                });
        assertThat(server.accepted()).isEmpty();
    }

    @Test
    void aTimedOutSessionIsNotReusedForTheNextMessage() throws Exception {
        server.then(Fault.slow(Step.DATA, 1_000));
        transport(Map.of("read.timeout.ms", 200, "retries", 0));

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOf(TransportException.class);
        transport.deliver(entry("k2", "bob@example.org"));

        assertThat(server.accepted()).extracting(a -> SmtpTestSupport.keyOf(a.text())).containsExactly("k2");
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsTemporary() throws Exception {
        int port = server.port();
        server.close();
        transport = new SmtpTransport(plain(port, Map.of("retries", 1)), null, clock::ticks, clock);

        assertThatThrownBy(() -> transport.deliver(entry("k1", "ann@example.org")))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.isPermanent()).isFalse();
                    assertThat(e.getMessage()).contains("cannot connect");
                });
        assertThat(clock.sleepsMillis()).containsExactly(100L);
    }

    @Test
    void anInvalidRecipientIsPermanentWithoutTalkingToTheServer() {
        transport(Map.of());
        OutboxEntry bad = new OutboxEntry("k1", "c1", "p1", "not an address", entry("k1", "x@example.org").mime(),
                org.tailor.api.delivery.OutboxStatus.PENDING, java.time.Instant.EPOCH, "");

        assertThatThrownBy(() -> transport.deliver(bad))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.isPermanent()).isTrue());
        assertThat(server.connections()).isZero();
    }

    @Test
    void reusesOneConnectionUpToTheMessageLimitThenOpensAnother() throws Exception {
        transport(Map.of("max.messages.per.connection", 3));
        for (OutboxEntry e : SmtpTestSupport.entries(7)) {
            transport.deliver(e);
        }

        assertThat(server.accepted()).hasSize(7);
        assertThat(server.connections()).isEqualTo(3);
        assertThat(transport.connectionsOpened()).isEqualTo(3);
    }

    @Test
    void anIdleSessionTheServerClosedIsReplacedWithoutAFailedAttempt() throws Exception {
        server.then(Fault.drop(Step.AFTER_DATA));
        transport(Map.of("retries", 0));
        transport.deliver(entry("k1", "ann@example.org"));
        clock.advance(SmtpConnectionPool.IDLE_CHECK_AFTER.toNanos() * 2);

        transport.deliver(entry("k2", "bob@example.org"));

        assertThat(server.accepted()).hasSize(2);
        assertThat(server.connections()).isEqualTo(2);
        assertThat(server.transactions()).isEqualTo(2);
    }
}
