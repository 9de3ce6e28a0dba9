package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.connector.ConnectorRegistry;
import org.tailor.api.connector.ConnectorStatus;

@Command(scope = "tailor", name = "connector-list", description = "Lists the connectors Tailor polls, with their progress")
@Service
public class ConnectorListCommand implements Action {

    @Reference
    ConnectorRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("State");
        table.column("Accepted").alignRight();
        table.column("Rejected").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Last error");
        for (ConnectorStatus s : registry.connectors()) {
            table.addRow().addContent(s.name(), s.idle() ? "idle" : "busy", s.accepted(), s.rejected(),
                    s.unitsDone(), s.unitsFailed(), s.lastError());
        }
        table.print(System.out);
        return null;
    }
}
