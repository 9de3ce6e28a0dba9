package org.tailor.api.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one run of a campaign did. Every audience member is counted exactly once among
 * {@code noConsent}, {@code noAddress}, {@code frequencyCapped}, {@code renderFailed},
 * {@code enqueued} + {@code alreadyQueued} and {@code notReached}.
 *
 * @param campaignId never null
 * @param audience members of the segment at send time
 * @param noConsent members skipped because consent could not be confirmed
 * @param noAddress members skipped because they have no email address
 * @param renderFailed members skipped because their message failed to render
 * @param enqueued messages newly written to the outbox in this run
 * @param alreadyQueued members already in the outbox from an earlier run (not sent twice)
 * @param delivered messages the transport accepted in this run
 * @param deliveryFailed messages the transport refused in this run
 * @param elapsed wall time of the run, never null
 * @param problems one line per skipped or failed recipient (capped), never null
 * @param notReached members not processed because the send paused before reaching them
 * @param pausedBecause why the send paused (nothing was relayed then), or empty if it did not
 * @param frequencyCapped members skipped because they had as many marketing messages in the period as allowed
 * @param deferred of the enqueued, those held back until the recipient's quiet hours end
 * @param possibleDuplicates messages of the campaign handed to a transport again after the node holding them
 *                           stopped: their recipients may have them twice (never with the file transport)
 */
public record SendReport(String campaignId, long audience, long noConsent, long noAddress, long renderFailed,
                         long enqueued, long alreadyQueued, long delivered, long deliveryFailed,
                         Duration elapsed, List<String> problems, long notReached, String pausedBecause,
                         long frequencyCapped, long deferred, long possibleDuplicates) {

    public SendReport {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(elapsed, "elapsed");
        problems = List.copyOf(problems);
        Objects.requireNonNull(pausedBecause, "pausedBecause");
    }

    /** A report of a send that did not pause. */
    public SendReport(String campaignId, long audience, long noConsent, long noAddress, long renderFailed,
                      long enqueued, long alreadyQueued, long delivered, long deliveryFailed,
                      Duration elapsed, List<String> problems) {
        this(campaignId, audience, noConsent, noAddress, renderFailed, enqueued, alreadyQueued, delivered, deliveryFailed,
                elapsed, problems, 0, "", 0, 0, 0);
    }

    /** Whether the send paused by itself (consent unreadable, too many render failures). */
    public boolean paused() {
        return !pausedBecause.isEmpty();
    }

    /** Members whose consent for the campaign's purpose was confirmed. */
    public long consented() {
        return audience - noConsent - notReached;
    }

    /** Members who got a message in this run or an earlier one, or will once their quiet hours end. */
    public long reached() {
        return enqueued + alreadyQueued;
    }

    /** Messages rendered successfully, in this run or an earlier one. */
    public long rendered() {
        return enqueued + alreadyQueued;
    }
}
