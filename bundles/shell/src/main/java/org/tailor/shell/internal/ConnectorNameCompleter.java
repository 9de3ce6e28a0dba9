package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tailor.api.connector.ConnectorRegistry;

/** Completes the names of registered connectors. */
@Service
public class ConnectorNameCompleter implements Completer {

    @Reference
    ConnectorRegistry registry;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        registry.connectors().forEach(c -> names.getStrings().add(c.name()));
        return names.complete(session, commandLine, candidates);
    }
}
