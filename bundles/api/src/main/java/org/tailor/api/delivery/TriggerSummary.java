package org.tailor.api.delivery;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded trigger and how many of its timers are in each status.
 *
 * <p>Immutable.
 *
 * @param id never null
 * @param name never null
 * @param kind never null
 * @param condition what starts and stops it, in words, for example {@code after cart_added unless order, 4 h}; never null
 * @param templateId never null
 * @param purpose the consent purpose every recipient must have granted, never null
 * @param version the definition's version
 * @param timers timers per status; statuses with none are absent; never null
 */
public record TriggerSummary(String id, String name, Kind kind, String condition, String templateId, String purpose,
                             int version, Map<TimerStatus, Long> timers) {

    /** What starts a trigger's timer. */
    public enum Kind {
        /** An event, unless another event follows before the delay is over. */
        BEHAVIOUR,
        /** The yearly recurrence of a date attribute, at a local time in the person's time zone. */
        DATE,
        /** The person entering a segment. */
        SEGMENT_ENTRY
    }

    public TriggerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(purpose, "purpose");
        EnumMap<TimerStatus, Long> copy = new EnumMap<>(TimerStatus.class);
        copy.putAll(timers);
        timers = Collections.unmodifiableMap(copy);
    }

    /** How many timers are in the status. */
    public long count(TimerStatus status) {
        return timers.getOrDefault(status, 0L);
    }
}
