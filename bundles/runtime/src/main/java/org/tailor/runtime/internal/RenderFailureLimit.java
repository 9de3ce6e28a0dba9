package org.tailor.runtime.internal;

import java.util.Locale;

/**
 * When a campaign stops by itself because its template fails for too many recipients: a broken
 * template or a bad import should cost a few skipped people, not a campaign that goes out to
 * only the half for whom it happened to work.
 *
 * @param percent the share of render attempts that may fail
 * @param minimum how many failures there must be before the share counts, so that the first
 *                recipient's failure does not stop a large campaign
 */
record RenderFailureLimit(double percent, long minimum) {

    /** Whether {@code failed} of {@code attempts} renders is past the limit. */
    boolean passed(long failed, long attempts) {
        return failed >= minimum && failed * 100.0 > percent * attempts;
    }

    String describe(long failed, long attempts) {
        return String.format(Locale.ROOT, "%d of %d renders failed (%.1f%%), more than render.failures.pause.percent = %s%%; "
                + "fix the template or the data", failed, attempts, failed * 100.0 / attempts, percent);
    }
}
