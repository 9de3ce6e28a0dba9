package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.segment.ExplainStep;
import org.tailor.api.segment.SegmentService;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "segment-explain", description = "Shows why a profile is in a segment or not: every condition, what it read, what it decided")
@Service
public class SegmentExplainCommand implements Action {

    @Reference
    SegmentService segments;

    @Reference
    ProfileStore profiles;

    @Argument(index = 0, name = "segment", description = "The segment id, as tailor:segment-list shows it", required = true)
    @Completion(SegmentIdCompleter.class)
    String segmentId;

    @Argument(index = 1, name = "person", description = "A profile id, or an identity as namespace:value such as customer_id:C00042", required = true)
    String person;

    @Override
    public Object execute() {
        ExplainStep root = segments.explain(segmentId, ProfileShowCommand.find(profiles, person));
        print(root, "");
        System.out.println(root.result() ? "=> in segment " + segmentId : "=> not in segment " + segmentId);
        return null;
    }

    private static void print(ExplainStep step, String indent) {
        System.out.println(indent + (step.result() ? "[yes] " : "[no]  ") + step.condition()
                + (step.detail().isEmpty() ? "" : ": " + step.detail()));
        step.children().forEach(child -> print(child, indent + "  "));
    }
}
