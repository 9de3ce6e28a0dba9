package org.tailor.api.consent;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Field-level minimization for personalization: the content provider asks, for every recipient,
 * which attributes it may read. Answered from the same cache as {@link ConsentService#check}, so
 * a withdrawal narrows the answer at once.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface PersonalizationConsent {

    /**
     * The attributes personalization may read for the profile: the generic set that needs no
     * consent, plus those of every purpose the person has granted now. Never throws: when consent
     * cannot be read the answer is the generic set. Never null.
     */
    AttributeScope readableAttributes(String profileId);
}
