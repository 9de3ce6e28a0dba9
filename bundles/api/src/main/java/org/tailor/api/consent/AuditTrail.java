package org.tailor.api.consent;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.AuditEntry;

/**
 * The tamper-evident log of consent changes, suppression changes and data-subject requests.
 *
 * <p>Thread safe; methods throw {@link org.tailor.api.store.StoreException} when the store fails.
 */
@ProviderType
public interface AuditTrail {

    /** Recomputes every link from the first entry and reports the first that does not hold. */
    AuditVerification verify();

    /** Up to {@code limit} entries from {@code fromSeq} on, in order; never null. */
    List<AuditEntry> entries(long fromSeq, int limit);
}
