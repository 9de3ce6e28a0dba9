package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-delete",
        description = "Deletes a segment (its file or snapshot) and empties its membership; refused while other segments use it")
@Service
public class SegmentDeleteCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "segment", description = "The segment id", required = true)
    @Completion(SegmentIdCompleter.class)
    String segmentId;

    @Override
    public Object execute() {
        try {
            System.out.println(segments.delete(segmentId) ? "Deleted segment " + segmentId : "No segment " + segmentId);
        } catch (IllegalArgumentException e) {
            System.out.println("Not deleted: " + e.getMessage());
        }
        return null;
    }
}
