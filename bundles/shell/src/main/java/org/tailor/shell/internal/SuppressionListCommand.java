package org.tailor.shell.internal;

import java.time.Instant;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.consent.SuppressionList;
import org.tailor.api.model.Suppression;

@Command(scope = "tailor", name = "suppression-list", description = "Lists suppressed addresses (as keyed hashes), newest first")
@Service
public class SuppressionListCommand implements Action {

    @Reference
    SuppressionList suppressions;

    @Option(name = "--limit", description = "At most this many (default 50)")
    int limit = 50;

    @Option(name = "--address", description = "Show only whether this address is suppressed")
    String address;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Hash");
        table.column("Reason");
        table.column("Added");
        table.column("Note");
        Iterable<Suppression> shown = address != null ? suppressions.find(address).stream().toList()
                : suppressions.list(Instant.now().plusSeconds(1), limit);
        for (Suppression s : shown) {
            table.addRow().addContent(s.addressHash(), s.reason().name().toLowerCase(Locale.ROOT),
                    Formats.time(s.addedAt()), Formats.cell(s.note(), 40));
        }
        table.print(System.out);
        return null;
    }
}
