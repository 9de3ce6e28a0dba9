package org.tailor.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.IngestResult;
import org.tailor.api.ingest.IngestService;

@Command(scope = "tailor", name = "dead-letter-replay",
        description = "Ingests rejected records again, e.g. after fixing their cause; accepted ones are closed")
@Service
public class DeadLetterReplayCommand implements Action {

    @Reference
    IngestService ingest;

    @Argument(index = 0, name = "ids", description = "Dead letter ids; none with --all", multiValued = true)
    List<Long> ids;

    @Option(name = "--all", description = "Replay every open dead letter (of --source, if given)")
    boolean all;

    @Option(name = "--source", description = "With --all: only records from this source")
    String source;

    @Override
    public Object execute() {
        List<Long> chosen = new ArrayList<>();
        if (all) {
            ingest.deadLetters(Optional.ofNullable(source), Integer.MAX_VALUE).stream().map(DeadLetter::id).forEach(chosen::add);
        } else if (ids != null) {
            chosen.addAll(ids);
        } else {
            throw new IllegalArgumentException("give dead letter ids or --all");
        }
        int accepted = 0;
        int rejected = 0;
        for (long id : chosen) {
            IngestResult result = ingest.replay(id);
            if (result.isAccepted()) {
                accepted++;
            } else {
                rejected++;
                System.out.println(id + ": still rejected: " + result.violations());
            }
        }
        System.out.println("Replayed " + chosen.size() + ": " + accepted + " accepted, " + rejected + " still rejected");
        return null;
    }
}
