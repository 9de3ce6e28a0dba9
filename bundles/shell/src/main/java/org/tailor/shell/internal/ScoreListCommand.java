package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.segment.ScoringService;

@Command(scope = "tailor", name = "score-list", description = "Lists the scores segment rules can read, and scoring plans that failed to load")
@Service
public class ScoreListCommand implements Action {

    @Reference
    ScoringService scoring;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Score");
        table.column("Meaning").maxSize(90).wrap();
        scoring.scores().forEach(s -> table.addRow().addContent(s.name(), s.description()));
        table.print(System.out);
        scoring.problems().forEach(problem -> System.out.println("Not loaded: " + problem));
        return null;
    }
}
