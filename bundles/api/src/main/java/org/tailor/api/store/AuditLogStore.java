package org.tailor.api.store;

import java.time.Instant;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.AuditEntry;

/**
 * The hash-chained audit log. Consent entries, suppression changes and data-subject requests are
 * appended by their own stores in the same transaction as the change itself, so that no change
 * is ever without its entry; this interface appends anything else and reads the chain back.
 *
 * <p>Thread safe; appends from any number of threads and nodes form one chain. Methods throw
 * {@link StoreException} when the database fails.
 */
@ProviderType
public interface AuditLogStore {

    /** Appends an entry at the end of the chain and returns it with its seq and hashes. */
    AuditEntry append(String kind, String subject, String detail, Instant at);

    /**
     * Streams the entries with {@code seq >= fromSeq} in seq order, as stored (nothing is checked
     * here: that is the verifier's job).
     *
     * @return how many were visited
     */
    long forEach(long fromSeq, Consumer<AuditEntry> visitor);

    /** Up to {@code limit} entries with {@code seq >= fromSeq}, in seq order; never null. */
    java.util.List<AuditEntry> read(long fromSeq, int limit);

    /**
     * The last seq and hash as the store recorded them apart from the entries: a verifier compares
     * them with the last entry, which catches entries cut off the end of the chain.
     */
    Head head();

    /** Where the chain ends. */
    record Head(long seq, String hash) {
    }
}
