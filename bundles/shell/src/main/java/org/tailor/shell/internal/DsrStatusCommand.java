package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.consent.DataSubjectRequests;

@Command(scope = "tailor", name = "dsr-status", description = "Shows one data-subject request, or the latest ones")
@Service
public class DsrStatusCommand implements Action {

    @Reference
    DataSubjectRequests requests;

    @Argument(index = 0, name = "request", description = "A request id; without it the latest requests are listed")
    String requestId;

    @Option(name = "--limit", description = "How many to list (default 20)")
    int limit = 20;

    @Override
    public Object execute() {
        if (requestId != null) {
            System.out.println(requests.find(requestId).map(SubjectRequestFormat::line)
                    .orElse("No request " + requestId));
        } else {
            requests.list(limit).forEach(r -> System.out.println(SubjectRequestFormat.line(r)));
        }
        return null;
    }
}
