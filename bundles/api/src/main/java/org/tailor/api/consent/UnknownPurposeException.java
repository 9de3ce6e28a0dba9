package org.tailor.api.consent;

import java.util.Set;

/** A consent entry or check named a purpose the consent service is not configured with. */
public class UnknownPurposeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UnknownPurposeException(String purpose, Set<String> known) {
        super("unknown consent purpose '" + purpose + "'; the configured purposes are " + known
                + " (org.tailor.consent, property purposes)");
    }
}
