package org.tailor.api.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.delivery.OutboxEntry;
import org.tailor.api.delivery.OutboxStatus;

/**
 * The durable outbox between rendering and the transport. An entry is written once per
 * idempotency key; its status only moves forward from {@link OutboxStatus#PENDING}.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface OutboxStore {

    /**
     * Adds the entry unless its idempotency key is already there.
     *
     * @return true if added, false if an entry with that key exists (whatever its status)
     */
    boolean enqueue(OutboxEntry entry);

    /** The entry with this key, whatever its status. */
    java.util.Optional<OutboxEntry> find(String idempotencyKey);

    /** Up to {@code limit} pending entries of the campaign, oldest first; never null. */
    List<OutboxEntry> pending(String campaignId, int limit);

    /**
     * Hands up to {@code limit} pending entries of the campaign to one node until {@code now + lease},
     * oldest first: entries nobody holds, or whose holder's lease ran out (it died or stalled), and
     * whose {@link OutboxEntry#notBefore()} has come. Concurrent claimers, on this node or another
     * sharing the database, never get the same entry while its lease runs. Each hand-out is counted.
     *
     * @param node names the claimer, for diagnosis
     * @return the claimed entries; never null
     */
    List<OutboxEntry> claim(String campaignId, String node, Instant now, Duration lease, int limit);

    /** Gives a claimed, still pending entry back before its lease runs out, so it can be claimed again at once. */
    void release(String idempotencyKey);

    /**
     * Entries of the campaign handed out more than once: a holder may have delivered one just before
     * it died, so its recipient may have it twice (never with a transport that is idempotent by key).
     */
    long handedOutAgain(String campaignId);

    /** Campaigns with pending entries that are due at {@code now}, sorted; never null. */
    List<String> campaignsWithDue(Instant now);

    /**
     * How many entries each profile was given since the instant, over all campaigns except those
     * named, counting pending and sent ones; profiles with none are absent.
     */
    Map<String, Long> recentPerProfile(Instant since, java.util.Set<String> exceptCampaigns);

    /** Marks the entry sent; a no-op if it is not pending. */
    void markSent(String idempotencyKey);

    /** Marks the entry failed with a reason; a no-op if it is not pending. */
    void markFailed(String idempotencyKey, String reason);

    /** How many entries of the campaign are in each status; statuses with none are absent. */
    Map<OutboxStatus, Long> counts(String campaignId);
}
