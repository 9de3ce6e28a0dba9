package org.tailor.api.store;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.ConsentRecord;

/**
 * The append-only consent history. Deciding what the history means is the consent service's
 * job; this only keeps it. Every entry appended is also appended to the audit chain
 * ({@link AuditLogStore}) in the same transaction.
 *
 * <p>Thread safe. Methods throw {@link StoreException} when the database fails.
 */
@ProviderType
public interface ConsentStore {

    /** Appends one entry; entries are never updated or deleted through this interface. */
    void append(ConsentRecord record);

    /** Appends entries in order; stores do it in one transaction with batched statements. */
    default void appendAll(java.util.Collection<ConsentRecord> records) {
        records.forEach(this::append);
    }

    /** The profile's entries for every purpose, oldest first; never null. */
    List<ConsentRecord> history(String profileId);

    /**
     * The entries of several profiles (one person's, across merges), oldest first by recordedAt,
     * each profile's own order kept for equal instants; never null. Stores answer it in one query.
     */
    default List<ConsentRecord> historyOf(java.util.Collection<String> profileIds) {
        List<ConsentRecord> all = new java.util.ArrayList<>();
        for (String id : new java.util.LinkedHashSet<>(profileIds)) {
            all.addAll(history(id));
        }
        all.sort(java.util.Comparator.comparing(ConsentRecord::recordedAt));
        return all;
    }
}
