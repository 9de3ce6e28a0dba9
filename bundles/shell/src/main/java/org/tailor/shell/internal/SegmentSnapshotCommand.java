package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-snapshot",
        description = "Freezes a segment's members now as a new static segment, for a campaign that must not follow later changes")
@Service
public class SegmentSnapshotCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "segment", description = "The segment to freeze", required = true)
    @Completion(SegmentIdCompleter.class)
    String segmentId;

    @Argument(index = 1, name = "snapshot", description = "The id of the new static segment", required = true)
    String snapshotId;

    @Override
    public Object execute() {
        try {
            SegmentDefinition snapshot = segments.snapshot(segmentId, snapshotId);
            System.out.println("Created static segment " + snapshot.id() + ": " + snapshot.description());
        } catch (IllegalArgumentException e) {
            System.out.println("Not created: " + e.getMessage());
        }
        return null;
    }
}
