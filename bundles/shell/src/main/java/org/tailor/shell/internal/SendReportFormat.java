package org.tailor.shell.internal;

import java.util.Locale;
import org.tailor.api.delivery.SendReport;

/** The one text form of a send report, shared by the console and the demo script that reads it. */
final class SendReportFormat {

    private SendReportFormat() {
    }

    static String format(SendReport r) {
        StringBuilder out = new StringBuilder();
        line(out, "Campaign", r.campaignId());
        line(out, "Audience", r.audience());
        line(out, "Consented", r.consented());
        line(out, "Skipped, no consent", r.noConsent());
        line(out, "Skipped, no address", r.noAddress());
        if (r.frequencyCapped() > 0) {
            line(out, "Skipped, frequency cap", r.frequencyCapped());
        }
        line(out, "Render failed", r.renderFailed());
        line(out, "Rendered", r.rendered());
        line(out, "Queued now", r.enqueued());
        if (r.deferred() > 0) {
            line(out, "Held for quiet hours", r.deferred());
        }
        line(out, "Queued earlier", r.alreadyQueued());
        line(out, "Written", r.delivered());
        line(out, "Transport failed", r.deliveryFailed());
        if (r.possibleDuplicates() > 0) {
            line(out, "Possible duplicates", r.possibleDuplicates() + " (handed out again after a node stopped)");
        }
        if (r.paused()) {
            line(out, "Not reached (paused)", r.notReached());
            line(out, "Paused", r.pausedBecause());
        }
        line(out, "Elapsed", String.format(Locale.ROOT, "%.1f s", r.elapsed().toMillis() / 1000.0));
        for (String problem : r.problems()) {
            out.append("  ! ").append(problem).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static void line(StringBuilder out, String label, Object value) {
        out.append(String.format(Locale.ROOT, "%-22s %s%n", label + ":", value));
    }
}
