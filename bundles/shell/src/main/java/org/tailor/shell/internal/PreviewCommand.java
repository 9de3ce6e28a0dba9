package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.content.RenderException;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.model.Identity;
import org.tailor.api.model.RenderedMessage;

@Command(scope = "tailor", name = "preview", description = "Shows a campaign's message as one person would get it (consent is not checked, nothing is sent)")
@Service
public class PreviewCommand implements Action {

    @Argument(index = 0, name = "campaign", description = "The campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    String campaignId;

    @Argument(index = 1, name = "person", description = "An identity as namespace:value, e.g. customer_id:C00042 or email:ann@example.com", required = true)
    String person;

    @Option(name = "--html", description = "Print the HTML part too")
    boolean html;

    @Reference
    CampaignService campaigns;

    @Override
    public Object execute() {
        try {
            RenderedMessage message = campaigns.preview(campaignId, Identity.parse(person));
            System.out.println("To:      " + message.recipient());
            System.out.println("Subject: " + message.subject());
            System.out.println();
            System.out.println(message.text());
            if (html) {
                System.out.println();
                System.out.println("--- HTML ---");
                System.out.println(message.html());
            }
        } catch (RenderException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
