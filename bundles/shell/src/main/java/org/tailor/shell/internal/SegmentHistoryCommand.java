package org.tailor.shell.internal;

import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.segment.MembershipChange;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-history", description = "Shows who entered and left a segment, and when")
@Service
public class SegmentHistoryCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "segment", description = "The segment id", required = true)
    @Completion(SegmentIdCompleter.class)
    String segmentId;

    @Option(name = "--days", description = "How many days back to look")
    int days = 7;

    @Option(name = "--limit", description = "At most this many changes, oldest first")
    int limit = 50;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("When");
        table.column("Profile");
        table.column("Change");
        for (MembershipChange change : segments.changes(segmentId, Instant.now().minus(Duration.ofDays(days)), limit)) {
            table.addRow().addContent(Formats.time(change.at()), change.profileId(), change.entered() ? "entered" : "left");
        }
        table.print(System.out);
        return null;
    }
}
