package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.connector.ConnectorStatus;

@Command(scope = "tailor", name = "connector-list", description = "Lists the sources Tailor imports from: last run, rows accepted and rejected, lag")
@Service
public class ConnectorListCommand implements Action {

    @Reference
    ConnectorRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Last run");
        table.column("Accepted").alignRight();
        table.column("Rejected").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Lag").alignRight();
        table.column("Last error").maxSize(60);
        for (ConnectorStatus s : registry.connectors()) {
            table.addRow().addContent(s.name(), s.idle() ? "idle" : "busy",
                    s.lastRunAt().map(Formats::ago).orElse("never"), s.accepted(), s.rejected(),
                    s.unitsDone(), s.unitsFailed(), s.lag().map(Formats::duration).orElse("-"), s.lastError());
        }
        table.print(System.out);
        return null;
    }
}
