package org.tailor.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.Transport;
import org.tailor.api.delivery.TransportException;
import org.tailor.api.store.OutboxStore;

/**
 * Moves a campaign's due outbox entries to a transport, page by page, each page claimed under a
 * lease so that nodes sharing the database never relay the same entry at once. An entry leaves
 * PENDING only after the transport accepted or permanently refused it, so a crash at any point
 * leaves it to be claimed again once the lease runs out; the transport's own idempotency absorbs
 * the one that may have been delivered just before the crash, and the outbox counts it.
 */
final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    record Result(long delivered, long failed, boolean interrupted) {
        /** Nothing was relayed. */
        static final Result NONE = new Result(0, 0, false);
    }

    /** Who relays and for how long it holds what it took: several nodes may relay one campaign. */
    record Lease(String node, Duration duration, Clock clock) {
    }

    private final OutboxStore outbox;
    private final Transport transport;
    private final int batchSize;
    private final Lease lease;

    OutboxRelay(OutboxStore outbox, Transport transport, int batchSize, Lease lease) {
        this.outbox = outbox;
        this.transport = transport;
        this.batchSize = Math.max(1, batchSize);
        this.lease = lease;
    }

    Result relay(String campaignId, ProblemLines problems) {
        long delivered = 0;
        long failed = 0;
        Set<String> handled = new HashSet<>();
        while (true) {
            List<OutboxEntry> page = outbox.claim(campaignId, lease.node(), lease.clock().instant(), lease.duration(), batchSize);
            if (page.isEmpty()) {
                return new Result(delivered, failed, false);
            }
            for (int i = 0; i < page.size(); i++) {
                OutboxEntry entry = page.get(i);
                if (!handled.add(entry.idempotencyKey())) {
                    // The store still lists an entry we already settled: stop rather than loop forever.
                    problems.add("outbox entry " + entry.idempotencyKey() + " of profile " + entry.profileId()
                            + " is still pending after being settled; relaying stopped");
                    return new Result(delivered, failed, true);
                }
                try {
                    transport.deliver(entry);
                    outbox.markSent(entry.idempotencyKey());
                    delivered++;
                } catch (TransportException e) {
                    if (e.isPermanent()) {
                        outbox.markFailed(entry.idempotencyKey(), reason(e));
                        failed++;
                        problems.add("profile " + entry.profileId() + ": refused by the transport: " + reason(e));
                    } else {
                        release(page.subList(i, page.size()));
                        return stopped(campaignId, entry, reason(e), problems, delivered, failed);
                    }
                } catch (RuntimeException e) {
                    // A transport bug is not the recipient's fault: keep the entry for the next send.
                    release(page.subList(i, page.size()));
                    return stopped(campaignId, entry, e.toString(), problems, delivered, failed);
                }
            }
        }
    }

    /** What this relay took and will not try now goes back at once, for the next send, here or on another node. */
    private void release(List<OutboxEntry> untried) {
        for (OutboxEntry entry : untried) {
            try {
                outbox.release(entry.idempotencyKey());
            } catch (RuntimeException e) {
                // Its lease runs out by itself; the entry is only later, not lost.
                LOG.debug("Could not release outbox entry {}: {}", entry.idempotencyKey(), e.toString());
            }
        }
    }

    private Result stopped(String campaignId, OutboxEntry entry, String reason, ProblemLines problems,
                           long delivered, long failed) {
        LOG.warn("Relaying campaign {} stopped at the entry of profile {}: {}; pending entries stay for the next send",
                campaignId, entry.profileId(), reason);
        problems.add("transport unavailable (" + reason + "); relaying stopped, pending messages stay in the outbox "
                + "and go out on the next send");
        return new Result(delivered, failed, true);
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
