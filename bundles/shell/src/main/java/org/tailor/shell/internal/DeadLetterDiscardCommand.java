package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.IngestService;

@Command(scope = "tailor", name = "dead-letter-discard", description = "Sets a rejected record aside without replaying it; it stays on record")
@Service
public class DeadLetterDiscardCommand implements Action {

    @Reference
    IngestService ingest;

    @Argument(index = 0, name = "id", description = "The id from tailor:dead-letter-list", required = true)
    long id;

    @Argument(index = 1, name = "note", description = "Why, for whoever looks later", required = true)
    String note;

    @Override
    public Object execute() {
        ingest.discard(id, note);
        System.out.println("Dead letter " + id + " discarded");
        return null;
    }
}
