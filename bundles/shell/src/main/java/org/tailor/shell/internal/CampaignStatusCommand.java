package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.delivery.CampaignProgress;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.delivery.OutboxStatus;

@Command(scope = "tailor", name = "campaign-status", description = "Shows where a campaign's messages are: sent, pending, failed")
@Service
public class CampaignStatusCommand implements Action {

    @Argument(index = 0, name = "campaign", description = "The campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    String campaignId;

    @Reference
    CampaignService campaigns;

    @Override
    public Object execute() {
        CampaignProgress progress = campaigns.progress(campaignId);
        long total = progress.total();
        long sent = progress.of(OutboxStatus.SENT);
        System.out.printf("Campaign %s: %d messages, %d sent (%s), %d pending, %d failed%n", campaignId, total, sent,
                total == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", sent * 100.0 / total),
                progress.of(OutboxStatus.PENDING), progress.of(OutboxStatus.FAILED));
        if (progress.possibleDuplicates() > 0) {
            System.out.println("Possible duplicates: " + progress.possibleDuplicates()
                    + " (handed out again after a node stopped)");
        }
        return null;
    }
}
