package org.tailor.api.consent;

import java.util.Map;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;

/**
 * What an admin (or a support tool) needs beside the checks: the configured purposes, a person's
 * current state per purpose, and changes made on a person's behalf with a reason.
 *
 * <p>Thread safe; methods throw {@link org.tailor.api.store.StoreException} when the store fails.
 */
@ProviderType
public interface ConsentAdministration {

    /** The configured purposes, in configuration order; never empty. */
    Set<String> purposes();

    /** The current state for every configured purpose, in configuration order; never null. */
    Map<String, ConsentState> current(String profileId);

    /**
     * Records a change a person asked for through someone else (a support call, a letter): the
     * actor and the reason are kept as proof, the channel is {@code on_behalf}.
     *
     * @param status {@link ConsentStatus#GRANTED} or {@link ConsentStatus#WITHDRAWN}
     * @param reason why, for example {@code phone call 2026-03-02, ticket 4711}; not blank
     * @return the entry appended
     * @throws UnknownPurposeException for a purpose that is not configured
     * @throws IllegalArgumentException for another status or a blank actor or reason
     */
    ConsentRecord changeOnBehalf(String profileId, String purpose, ConsentStatus status, String actor, String reason);
}
