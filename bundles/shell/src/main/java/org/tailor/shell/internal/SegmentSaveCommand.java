package org.tailor.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.tailor.api.model.SegmentDefinition;
import org.tailor.api.segment.MembershipUpdate;
import org.tailor.api.segment.SegmentService;

@Command(scope = "tailor", name = "segment-save",
        description = "Creates or replaces a segment from a <id>.seg or <id>.json file, if it loads; then shows its size")
@Service
public class SegmentSaveCommand implements Action {

    @Reference
    SegmentService segments;

    @Argument(index = 0, name = "file", description = "Path of the segment file; its name gives the id", required = true)
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws IOException {
        Path path = Path.of(file);
        try {
            SegmentDefinition saved = segments.save(path.getFileName().toString(),
                    Files.readString(path, StandardCharsets.UTF_8));
            MembershipUpdate update = segments.recompute(saved.id());
            System.out.println("Saved segment " + saved.id() + " (" + saved.name() + "): " + update.members() + " members");
        } catch (IllegalArgumentException e) {
            System.out.println("Not saved: " + e.getMessage());
        }
        return null;
    }
}
