package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-list",
        description = "Lists segments with their sizes now and as stored, and definitions that failed to load")
@Service
public class SegmentListCommand implements Action {

    @Reference
    SegmentService segments;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Name");
        table.column("Size").alignRight();
        table.column("Stored").alignRight();
        for (SegmentDefinition segment : segments.segments()) {
            table.addRow().addContent(segment.id(), segment.name(), segments.forEachMember(segment.id(), p -> { }),
                    segments.size(segment.id()));
        }
        table.print(System.out);
        for (String problem : segments.problems()) {
            System.out.println("Not loaded: " + problem);
        }
        return null;
    }
}
