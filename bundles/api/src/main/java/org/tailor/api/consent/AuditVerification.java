package org.tailor.api.consent;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * The result of walking the audit chain.
 *
 * @param intact true if every link holds and the chain ends where the store says it ends
 * @param checked how many entries were read
 * @param firstBroken the seq of the first entry whose link does not hold, or of the missing one; empty when intact
 * @param problem what is wrong there, or {@code intact}; never null
 */
public record AuditVerification(boolean intact, long checked, OptionalLong firstBroken, String problem) {

    public AuditVerification {
        Objects.requireNonNull(firstBroken, "firstBroken");
        Objects.requireNonNull(problem, "problem");
    }
}
