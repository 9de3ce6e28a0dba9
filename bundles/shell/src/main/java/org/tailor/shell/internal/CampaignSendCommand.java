package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.delivery.SendReport;

@Command(scope = "tailor", name = "campaign-send", description = "Sends a campaign now: audience, consent check, render, outbox, transport")
@Service
public class CampaignSendCommand implements Action {

    @Argument(index = 0, name = "campaign", description = "The campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    String campaignId;

    @Reference
    CampaignService campaigns;

    @Override
    public Object execute() {
        SendReport report = campaigns.send(campaignId);
        System.out.println(SendReportFormat.format(report));
        return null;
    }
}
