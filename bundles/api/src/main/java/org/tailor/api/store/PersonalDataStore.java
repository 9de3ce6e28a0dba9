package org.tailor.api.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.delivery.OutboxEntry;

/**
 * Everything the store holds about one person, across tables: for data-subject requests.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface PersonalDataStore {

    /**
     * The ids that are one person: the live profile the id resolves to (following merges) and every
     * profile merged into it, directly or through others. Empty if no profile has the id.
     */
    Set<String> personIds(String profileId);

    /** The outbox entries addressed to any of the ids, oldest first; never null. */
    List<OutboxEntry> outboxOf(Set<String> profileIds);

    /**
     * Erases the person in one transaction: profiles and identities, events and orders held by or
     * first addressed to any of the ids, outbox entries, merge records and their snapshots, scores and
     * segment membership. The consent history is kept: it is the proof the law allows to keep
     * (Art. 17(3)(b) and (e)), and it names only the profile id. An entry of kind {@code erasure}
     * with the counts is appended to the audit chain in the same transaction.
     *
     * @return how many rows went, per table; never null
     */
    Map<String, Long> erase(Set<String> profileIds, String requestId, Instant at);
}
