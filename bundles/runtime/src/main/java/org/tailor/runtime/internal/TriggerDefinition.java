package org.tailor.runtime.internal;

import java.util.Objects;

/**
 * A trigger as loaded from its file.
 *
 * @param version recorded on the timers it schedules; the outbox key is (trigger, person, cause),
 *                so a new version changes what later timers send but never mails a cause twice
 * @param origin the file it came from
 */
record TriggerDefinition(String id, String name, String templateId, String purpose, String fromAddress, int version,
                         TriggerCondition condition, String origin) {

    /** Outbox entries of triggers are kept apart from campaigns' under this prefix. */
    static final String OUTBOX_PREFIX = "trigger-";

    TriggerDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(fromAddress, "fromAddress");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1");
        }
    }

    /** The campaign id of this trigger's outbox entries, also its folder in the file transport's output. */
    String outboxCampaign() {
        return OUTBOX_PREFIX + id;
    }
}
