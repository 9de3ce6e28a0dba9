package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.IdentityService;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "profile-merge", description = "Joins two profiles that are one person; undo with tailor:profile-unmerge")
@Service
public class ProfileMergeCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    IdentityService identities;

    @Argument(index = 0, name = "survivor", description = "The profile that remains (id or namespace:value)", required = true)
    String survivor;

    @Argument(index = 1, name = "absorbed", description = "The profile joined into it (id or namespace:value)", required = true)
    String absorbed;

    @Argument(index = 2, name = "reason", description = "Why they are one person, kept with the merge", required = true)
    String reason;

    @Override
    public Object execute() {
        var merge = identities.mergeProfiles(ProfileShowCommand.find(profiles, survivor).id(),
                ProfileShowCommand.find(profiles, absorbed).id(), reason);
        System.out.println("Merged " + merge.absorbedId() + " into " + merge.survivorId() + " as merge " + merge.id());
        return null;
    }
}
