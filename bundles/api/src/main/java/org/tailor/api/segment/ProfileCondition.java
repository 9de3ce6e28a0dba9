package org.tailor.api.segment;

import org.osgi.annotation.versioning.ConsumerType;
import org.tailor.api.model.Profile;

/** A compiled rule, tested against one profile at a time. Thread safe. */
@ConsumerType
public interface ProfileCondition {

    /** The rule as written. */
    String rule();

    /**
     * Whether the profile matches now.
     *
     * @throws org.tailor.api.store.StoreException if what the rule reads cannot be read
     */
    boolean test(Profile profile);

    /** Why the profile matches or not: every condition with what it read; the root's result equals {@link #test}. */
    ExplainStep explain(Profile profile);
}
