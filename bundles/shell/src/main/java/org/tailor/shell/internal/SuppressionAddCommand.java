package org.tailor.shell.internal;

import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.model.SuppressionReason;

@Command(scope = "tailor", name = "suppression-add", description = "Suppresses an address: it is never mailed, also if imported again")
@Service
public class SuppressionAddCommand implements Action {

    @Reference
    SuppressionList suppressions;

    @Argument(index = 0, name = "address", description = "The email address", required = true)
    String address;

    @Option(name = "--reason", description = "manual (default), hard_bounce or complaint")
    String reason = "manual";

    @Option(name = "--note", description = "Why, for admins; never the address itself")
    String note = "";

    @Override
    public Object execute() {
        SuppressionReason why = SuppressionReason.valueOf(reason.strip().toUpperCase(Locale.ROOT));
        boolean added = suppressions.add(address, why, note, ConsoleUser.name());
        System.out.println((added ? "Suppressed " : "Already suppressed: ") + suppressions.hashOf(address));
        return null;
    }
}
