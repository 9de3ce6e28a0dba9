package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.MembershipUpdate;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-recompute",
        description = "Evaluates segments for every profile now, stores who is in them and publishes who entered and left")
@Service
public class SegmentRecomputeCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "segments", description = "Segment ids; all segments when none is given", multiValued = true)
    @Completion(SegmentIdCompleter.class)
    List<String> segmentIds;

    @Override
    public Object execute() {
        List<String> ids = segmentIds == null || segmentIds.isEmpty()
                ? segments.segments().stream().map(SegmentDefinition::id).toList() : segmentIds;
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Members").alignRight();
        table.column("Entered").alignRight();
        table.column("Left").alignRight();
        table.column("Took").alignRight();
        for (String id : ids) {
            MembershipUpdate update = segments.recompute(id);
            table.addRow().addContent(id, update.members(), update.entered(), update.left(), Formats.duration(update.took()));
        }
        table.print(System.out);
        return null;
    }
}
