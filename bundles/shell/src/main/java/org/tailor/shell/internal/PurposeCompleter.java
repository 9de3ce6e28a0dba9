package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tailor.api.consent.ConsentAdministration;

/** Completes the configured consent purposes. */
@Service
public class PurposeCompleter implements Completer {

    @Reference
    ConsentAdministration consent;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(consent.purposes()).complete(session, commandLine, candidates);
    }
}
