package org.tailor.api.delivery;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Triggers: messages to one person at a time, when something happens (an event with no
 * cancelling event after it, a yearly date, entering a segment). Their timers are durable, so a
 * restart delays a message but never loses it, and each (trigger, person, cause) is mailed at most
 * once.
 *
 * <p>Thread safe.
 */
@ProviderType
public interface TriggerService {

    /** Every trigger currently loaded, by id, with its timer counts; never null. */
    List<TriggerSummary> triggers();

    /**
     * Trigger files that did not load, timers waiting for a trigger that is not loaded, and
     * anything else that keeps triggers from sending, one line each; never null.
     */
    List<String> problems();

    /** The person's timers of the trigger, oldest cause first: why they did or did not get it. Never null. */
    List<TriggerTimer> timers(String triggerId, String profileId);

    /**
     * Fires the person's pending timers of the trigger now instead of at their due time, with every
     * check a timer gets when it is due (consent, address, cancelling events), and relays the outbox.
     * For tests and demos.
     *
     * @return the timers as they are afterwards (fired, skipped, cancelled, or still pending with the
     *     reason in their detail); empty if the person had no pending timer of the trigger
     * @throws IllegalArgumentException if the trigger is not loaded
     */
    List<TriggerTimer> fireNow(String triggerId, String profileId);
}
