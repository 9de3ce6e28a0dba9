package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.IdentityService;

@Command(scope = "tailor", name = "profile-unmerge",
        description = "Undoes a merge: the absorbed profile gets back its identities, events, orders and attributes")
@Service
public class ProfileUnmergeCommand implements Action {

    @Reference
    IdentityService identities;

    @Argument(index = 0, name = "merge", description = "The merge id, as tailor:profile-show lists it", required = true)
    String mergeId;

    @Override
    public Object execute() {
        var undone = identities.unmerge(mergeId);
        System.out.println("Undid merge " + undone.id() + ": " + undone.absorbedId() + " is a profile of its own again");
        return null;
    }
}
