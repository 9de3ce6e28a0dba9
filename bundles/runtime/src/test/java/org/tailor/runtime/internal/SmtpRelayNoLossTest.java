package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tailor.runtime.internal.SmtpTestSupport.plain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;
import org.tailor.api.model.SuppressionReason;
import org.tailor.runtime.internal.FakeSmtpServer.Fault;
import org.tailor.runtime.internal.FakeSmtpServer.Step;
import org.tailor.runtime.internal.SmtpTestSupport.FakeClock;
import org.tailor.runtime.internal.SmtpTestSupport.RecordingSuppressions;

/**
 * The whole relay path (outbox, {@link OutboxRelay}, SMTP transport, server) under seeded random
 * faults: 421 greetings, 451 replies, connections dropped mid-data, replies lost after the server
 * kept the message, sessions closed while idle, and recipients refused for good. Whatever happens,
 * an entry is marked sent only if the server has the message, nobody is left pending, and the only
 * duplicates are those SMTP cannot avoid (the server kept the message, the reply was lost).
 */
class SmtpRelayNoLossTest {

    private static final int ENTRIES = 150;
    private static final int FAULTS = 40;

    @Test
    void noEntryIsLostOrFalselyReportedUnderRandomFaults() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            runOnce(seed);
        }
    }

    private void runOnce(long seed) throws Exception {
        Random random = new Random(seed);
        FakeClock clock = new FakeClock();
        RecordingSuppressions suppressions = new RecordingSuppressions();
        Fakes.Outbox outbox = new Fakes.Outbox();
        List<OutboxEntry> entries = SmtpTestSupport.entries(ENTRIES);
        entries.forEach(outbox::enqueue);
        Map<String, OutboxEntry> byKey = entries.stream().collect(Collectors.toMap(OutboxEntry::idempotencyKey,
                Function.identity()));

        try (FakeSmtpServer server = new FakeSmtpServer(null, clock::ticks)) {
            Set<String> unknownMailboxes = new HashSet<>();
            Set<String> refusedByPolicy = new HashSet<>();
            for (OutboxEntry e : entries) {
                int roll = random.nextInt(20);
                if (roll == 0) {
                    server.rejectRecipient(e.recipient(), "550 5.1.1 <" + e.recipient() + ">: user unknown");
                    unknownMailboxes.add(e.idempotencyKey());
                } else if (roll == 1) {
                    server.rejectRecipient(e.recipient(), "554 5.7.1 rejected by policy");
                    refusedByPolicy.add(e.idempotencyKey());
                }
            }
            int lostReplies = 0;
            for (int i = 0; i < FAULTS; i++) {
                Fault fault = switch (random.nextInt(6)) {
                    case 0 -> Fault.reply(Step.GREETING, "421 4.3.2 busy");
                    case 1 -> Fault.reply(Step.RCPT, "451 4.7.1 greylisted");
                    case 2 -> Fault.reply(Step.DATA_END, "452 4.3.1 insufficient storage");
                    case 3 -> Fault.drop(Step.MID_DATA);
                    case 4 -> Fault.drop(Step.AFTER_DATA);
                    default -> Fault.lostReply();
                };
                lostReplies += fault.acceptBeforeDrop() ? 1 : 0;
                server.then(fault);
            }

            SmtpTransport transport = new SmtpTransport(plain(server.port(), Map.of("retries", 1,
                    "max.messages.per.connection", 7)), null, clock::ticks, clock);
            transport.bindSuppressions(suppressions);
            try {
                OutboxRelay relay = new OutboxRelay(outbox, transport, 25,
                        new OutboxRelay.Lease("test-node", java.time.Duration.ofMinutes(5), java.time.Clock.systemUTC()));
                int rounds = 0;
                // The relay stops at a temporary failure and the next send picks up: as campaign-send does.
                while (outbox.counts("c1").getOrDefault(OutboxStatus.PENDING, 0L) > 0 && rounds < 500) {
                    relay.relay("c1", new ProblemLines());
                    rounds++;
                }
            } finally {
                transport.close();
            }

            Map<String, Long> acceptedCount = server.accepted().stream()
                    .collect(Collectors.groupingBy(a -> SmtpTestSupport.keyOf(a.text()), Collectors.counting()));
            Map<OutboxStatus, Set<String>> byStatus = new HashMap<>();
            for (OutboxEntry e : outbox.all()) {
                byStatus.computeIfAbsent(e.status(), s -> new HashSet<>()).add(e.idempotencyKey());
            }
            Set<String> sent = byStatus.getOrDefault(OutboxStatus.SENT, Set.of());
            Set<String> failed = byStatus.getOrDefault(OutboxStatus.FAILED, Set.of());
            String as = "seed " + seed;

            assertThat(server.faultsLeft()).as(as + ": every fault struck").isZero();
            assertThat(byStatus.getOrDefault(OutboxStatus.PENDING, Set.of())).as(as + ": nobody left pending").isEmpty();
            assertThat(acceptedCount.keySet()).as(as + ": sent means the server has it").containsAll(sent);
            assertThat(acceptedCount.keySet()).as(as + ": the server has only what was reported sent")
                    .containsExactlyInAnyOrderElementsOf(sent);
            Set<String> refused = new HashSet<>(unknownMailboxes);
            refused.addAll(refusedByPolicy);
            assertThat(failed).as(as + ": failed are exactly the refused").containsExactlyInAnyOrderElementsOf(refused);
            assertThat(suppressions.added).as(as + ": hard bounces suppressed, policy refusals not")
                    .allSatisfy(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE))
                    .extracting(RecordingSuppressions.Added::address)
                    .containsExactlyInAnyOrderElementsOf(unknownMailboxes.stream()
                            .map(k -> byKey.get(k).recipient()).toList());
            long duplicates = acceptedCount.values().stream().mapToLong(n -> n - 1).sum();
            assertThat(duplicates).as(as + ": duplicates only from lost replies").isLessThanOrEqualTo(lostReplies);
            for (FakeSmtpServer.Accepted a : server.accepted()) {
                assertThat(a.data()).as(as + ": bytes unchanged").isEqualTo(byKey.get(SmtpTestSupport.keyOf(a.text())).mime());
            }
        }
    }
}
