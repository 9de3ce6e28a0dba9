package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.tailor.api.segment.SegmentService;

/** Completes segment ids, dynamic and static. */
@Service
public class SegmentIdCompleter implements Completer {

    @Reference
    SegmentService segments;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter ids = new StringsCompleter();
        segments.segments().forEach(s -> ids.getStrings().add(s.id()));
        return ids.complete(session, commandLine, candidates);
    }
}
