package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.delivery.CampaignService;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "campaign-why",
        description = "Says why a person did or did not get a campaign's message: audience, address, consent, cap, quiet hours, outbox")
@Service
public class CampaignWhyCommand implements Action {

    @Argument(index = 0, name = "campaign", description = "The campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    String campaignId;

    @Argument(index = 1, name = "person", description = "A profile id, or an identity as namespace:value", required = true)
    String person;

    @Reference
    CampaignService campaigns;

    @Reference
    ProfileStore profiles;

    @Override
    public Object execute() {
        campaigns.why(campaignId, ProfileShowCommand.find(profiles, person).id()).forEach(System.out::println);
        return null;
    }
}
