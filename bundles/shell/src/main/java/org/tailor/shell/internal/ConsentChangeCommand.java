package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.tailor.api.consent.ConsentAdministration;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.ConsentStatus;
import org.tailor.api.store.ProfileStore;

/** Changes a purpose on a person's behalf, keeping who did it and why; the subclasses say to what. */
abstract class ConsentChangeCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    ConsentAdministration consent;

    @Argument(index = 0, name = "person", description = "A profile id, or an identity as namespace:value", required = true)
    String person;

    @Argument(index = 1, name = "purpose", description = "The purpose", required = true)
    @Completion(PurposeCompleter.class)
    String purpose;

    @Argument(index = 2, name = "reason", description = "How the person asked, for example 'phone call, ticket 4711'",
            required = true, multiValued = true)
    java.util.List<String> reason;

    /** The status the command records. */
    abstract ConsentStatus status();

    @Override
    public Object execute() {
        String profileId = ProfileShowCommand.find(profiles, person).id();
        ConsentRecord entry = consent.changeOnBehalf(profileId, purpose, status(), ConsoleUser.name(),
                String.join(" ", reason));
        System.out.println("Recorded " + purpose + " " + entry.status().name().toLowerCase(java.util.Locale.ROOT)
                + " for " + profileId + " at " + Formats.time(entry.recordedAt()) + " by " + entry.actor());
        return null;
    }
}
