package org.tailor.api.consent;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.ConsentRecord;

/**
 * The consent gate. Every check fails closed: no record, a pending or withdrawn record, or a
 * store that cannot answer all mean "no".
 *
 * <p>Thread safe. A {@link #record} returns only once the entry is durable, and every
 * check that starts after it returns sees it.
 */
@ProviderType
public interface ConsentService {

    /** May Tailor contact this profile for this purpose now? Never throws; never null. */
    ConsentDecision check(String profileId, String purpose);

    /**
     * Appends a consent entry to the profile's history.
     *
     * @throws UnknownPurposeException if the purpose is not one the service is configured with
     */
    void record(ConsentRecord record);

    /**
     * Appends consent entries, as {@link #record} does for each; ledgers store them in one batch.
     * Returns once all are durable.
     *
     * @throws UnknownPurposeException if any entry's purpose is unknown; then none is stored
     */
    default void recordAll(java.util.Collection<ConsentRecord> records) {
        records.forEach(this::record);
    }

    /** The profile's consent history, oldest first; never null. */
    List<ConsentRecord> history(String profileId);
}
