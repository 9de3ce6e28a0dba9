package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.DataSubjectRequests;

@Command(scope = "tailor", name = "dsr-erase", description = "Erases a person (GDPR Art. 17): only the suppression hash and the consent proof remain")
@Service
public class DsrEraseCommand implements Action {

    @Reference
    DataSubjectRequests requests;

    @Argument(index = 0, name = "profile", description = "The profile id (an id, not an identity: erasure is not undone)",
            required = true)
    String profileId;

    @Option(name = "--confirm", description = "Required: erasure cannot be undone", required = true)
    boolean confirmed;

    @Override
    public Object execute() {
        System.out.println(SubjectRequestFormat.line(requests.erase(profileId, ConsoleUser.name())));
        return null;
    }
}
