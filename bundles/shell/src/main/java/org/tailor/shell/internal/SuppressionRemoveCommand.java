package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.SuppressionList;

@Command(scope = "tailor", name = "suppression-remove", description = "Lifts the suppression of an address or of a listed hash")
@Service
public class SuppressionRemoveCommand implements Action {

    @Reference
    SuppressionList suppressions;

    @Argument(index = 0, name = "address-or-hash", description = "An address, or a hash as tailor:suppression-list shows it",
            required = true)
    String addressOrHash;

    @Argument(index = 1, name = "reason", description = "Why it may be mailed again", required = true, multiValued = true)
    List<String> reason;

    @Override
    public Object execute() {
        boolean removed = suppressions.remove(addressOrHash, ConsoleUser.name(), String.join(" ", reason));
        System.out.println(removed ? "Suppression lifted" : "It was not suppressed");
        return null;
    }
}
