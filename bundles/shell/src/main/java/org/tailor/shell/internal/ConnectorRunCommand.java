package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.connector.ConnectorRegistry;

@Command(scope = "tailor", name = "connector-run", description = "Asks a source to import now instead of at its next interval")
@Service
public class ConnectorRunCommand implements Action {

    @Reference
    ConnectorRegistry registry;

    @Argument(index = 0, name = "name", description = "The connector's name, as tailor:connector-list shows it", required = true)
    @Completion(ConnectorNameCompleter.class)
    String name;

    @Override
    public Object execute() {
        if (!registry.pollNow(name)) {
            throw new IllegalArgumentException("there is no connector named " + name + "; see tailor:connector-list");
        }
        System.out.println("Connector " + name + " will poll now; follow it with tailor:connector-list");
        return null;
    }
}
