package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.segment.ScoringService;

@Command(scope = "tailor", name = "score-recompute",
        description = "Recomputes RFM, engagement, scoring plans and clusters from the store now and stores them")
@Service
public class ScoreRecomputeCommand implements Action {

    @Reference
    ScoringService scoring;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Score");
        table.column("Profiles").alignRight();
        table.column("Took").alignRight();
        scoring.recompute().forEach(r -> table.addRow().addContent(r.name(), r.profiles(), Formats.duration(r.duration())));
        table.print(System.out);
        scoring.problems().forEach(problem -> System.out.println("Not computed: " + problem));
        return null;
    }
}
