package org.tailor.shell.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.model.Identity;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-members", description = "Shows who is in a segment now, evaluated at this moment")
@Service
public class SegmentMembersCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "segment", description = "The segment id", required = true)
    @Completion(SegmentIdCompleter.class)
    String segmentId;

    @Option(name = "--limit", description = "How many members to show (all are counted)")
    int limit = 20;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Profile");
        table.column("Customer id");
        table.column("Email");
        AtomicInteger shown = new AtomicInteger();
        long members = segments.forEachMember(segmentId, profile -> {
            if (shown.getAndIncrement() < limit) {
                table.addRow().addContent(profile.id(), profile.identity(Identity.CUSTOMER_ID).orElse(""),
                        profile.email().orElse(""));
            }
        });
        table.print(System.out);
        System.out.println(members + " members" + (members > limit ? ", first " + limit + " shown" : ""));
        return null;
    }
}
