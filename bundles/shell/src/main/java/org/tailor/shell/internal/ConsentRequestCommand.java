package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.delivery.ConfirmationMailer;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "consent-request",
        description = "Asks a person to confirm a purpose: records it as pending and mails them the confirmation link (double opt-in)")
@Service
public class ConsentRequestCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    ConfirmationMailer mailer;

    @Argument(index = 0, name = "person", description = "A profile id, or an identity as namespace:value", required = true)
    String person;

    @Argument(index = 1, name = "purpose", description = "The purpose to confirm", required = true)
    @Completion(PurposeCompleter.class)
    String purpose;

    @Override
    public Object execute() {
        String profileId = ProfileShowCommand.find(profiles, person).id();
        String said = switch (mailer.requestConfirmation(profileId, purpose, "console", "on_behalf")) {
            case SENT -> "Confirmation for " + purpose + " sent to " + profileId + "; it stays pending until they follow the link";
            case QUEUED -> "Confirmation for " + purpose + " to " + profileId
                    + " is in the outbox; the transport is unavailable and it goes out when it is back";
            case ALREADY_CONFIRMED -> profileId + " has already confirmed " + purpose + "; nothing sent";
            case RECENTLY_SENT -> "A confirmation for " + purpose + " went to " + profileId
                    + " a short while ago; nothing sent (see the interval in org.tailor.runtime.confirmation)";
            case SUPPRESSED -> "The address of " + profileId + " is suppressed; nothing sent";
            case NO_ADDRESS -> profileId + " has no email address; nothing sent";
        };
        System.out.println(said);
        return null;
    }
}
