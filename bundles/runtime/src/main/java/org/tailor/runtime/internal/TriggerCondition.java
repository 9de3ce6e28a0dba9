package org.tailor.runtime.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tailor.api.delivery.TriggerSummary;

/** What starts a trigger's timer for a person, and what calls it off. */
sealed interface TriggerCondition {

    TriggerSummary.Kind kind();

    /** The condition in words, for the console. */
    String describe();

    /**
     * An event of type {@code after} starts a timer of {@code delay}; an event of a type in
     * {@code unless} at or after the starting event, before the timer fires, cancels it. A later
     * {@code after} event of the same person replaces a pending timer, so the message goes out
     * {@code delay} after the last one.
     */
    record AfterEvent(String after, Set<String> unless, Duration delay) implements TriggerCondition {
        public AfterEvent {
            Objects.requireNonNull(after, "after");
            unless = Set.copyOf(unless);
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public TriggerSummary.Kind kind() {
            return TriggerSummary.Kind.BEHAVIOUR;
        }

        @Override
        public String describe() {
            return "after " + after + (unless.isEmpty() ? "" : " unless " + String.join("/", new TreeSet<>(unless)))
                    + ", " + Durations.describe(delay);
        }
    }

    /** Once a year, on the recurrence of a date attribute, at a local time in the person's time zone. */
    record Anniversary(String attribute, LocalTime atLocalTime) implements TriggerCondition {
        public Anniversary {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(atLocalTime, "atLocalTime");
        }

        @Override
        public TriggerSummary.Kind kind() {
            return TriggerSummary.Kind.DATE;
        }

        @Override
        public String describe() {
            return "anniversary of " + attribute + " at " + atLocalTime + " local time";
        }
    }

    /** Entering a segment starts a timer of {@code delay}; leaving it before the timer fires cancels it. */
    record SegmentEntry(String segmentId, Duration delay) implements TriggerCondition {
        public SegmentEntry {
            Objects.requireNonNull(segmentId, "segmentId");
            Objects.requireNonNull(delay, "delay");
        }

        @Override
        public TriggerSummary.Kind kind() {
            return TriggerSummary.Kind.SEGMENT_ENTRY;
        }

        @Override
        public String describe() {
            return "enters " + segmentId + ", " + Durations.describe(delay);
        }
    }
}
