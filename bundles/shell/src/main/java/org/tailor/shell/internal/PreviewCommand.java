package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.content.ExplainedMessage;
import org.tailor.api.content.RenderException;
import org.tailor.api.content.SlotChoice;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.model.RenderedMessage;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "preview",
        description = "Shows a campaign's message as one person would get it, and why each block was chosen "
                + "(consent is not checked, nothing is sent)")
@Service
public class PreviewCommand implements Action {

    @Option(name = "--html", description = "Print the HTML part too")
    boolean html;

    @Option(name = "--explain", description = "Print which variant each slot used and why, and the merge fields that used their defaults")
    boolean explain;

    @Argument(index = 0, name = "campaign", description = "The campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    String campaignId;

    @Argument(index = 1, name = "person", description = "A profile id, or an identity as namespace:value, e.g. "
            + "customer_id:C00042 or email:ann@example.com", required = true)
    String person;

    @Reference
    CampaignService campaigns;

    @Reference
    ProfileStore profiles;

    @Override
    public Object execute() {
        try {
            ExplainedMessage explained = campaigns.explainPreview(campaignId, ProfileShowCommand.find(profiles, person).id());
            RenderedMessage message = explained.message();
            System.out.println("To:      " + message.recipient());
            System.out.println("Subject: " + message.subject());
            System.out.println();
            System.out.println(message.text());
            if (html) {
                System.out.println();
                System.out.println("--- HTML ---");
                System.out.println(message.html());
            }
            if (explain) {
                System.out.println();
                System.out.println("--- Why ---");
                System.out.println("Personalization: " + explained.personalization());
                for (SlotChoice slot : explained.slots()) {
                    System.out.println("Slot " + slot.slot() + ": " + slot.variant() + " (block " + slot.block() + "): " + slot.reason());
                }
                System.out.println("Defaults used: " + (explained.defaultedFields().isEmpty() ? "none"
                        : String.join(", ", explained.defaultedFields())));
            }
        } catch (RenderException | IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
