package org.tailor.api.store;

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

    /** Up to {@code limit} pending entries of the campaign, oldest first; never null. */
    List<OutboxEntry> pending(String campaignId, int limit);

    /** Marks the entry sent; a no-op if it is not pending. */
    void markSent(String idempotencyKey);

    /** Marks the entry failed with a reason; a no-op if it is not pending. */
    void markFailed(String idempotencyKey, String reason);

    /** How many entries of the campaign are in each status; statuses with none are absent. */
    Map<OutboxStatus, Long> counts(String campaignId);
}
