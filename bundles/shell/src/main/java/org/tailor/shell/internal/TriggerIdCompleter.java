package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tailor.api.delivery.TriggerService;

/** Completes trigger ids. */
@Service
public class TriggerIdCompleter implements Completer {

    @Reference
    TriggerService triggers;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        triggers.triggers().forEach(t -> ids.getStrings().add(t.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
