package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.model.Campaign;

@Command(scope = "tailor", name = "campaign-list", description = "Lists campaigns with their segment, template and consent purpose")
@Service
public class CampaignListCommand implements Action {

    @Reference
    CampaignService campaigns;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Name");
        table.column("Segment");
        table.column("Template");
        table.column("Purpose");
        for (Campaign c : campaigns.campaigns()) {
            table.addRow().addContent(c.id(), c.name(), c.segmentId(), c.templateId(), c.purpose());
        }
        table.print(System.out);
        return null;
    }
}
