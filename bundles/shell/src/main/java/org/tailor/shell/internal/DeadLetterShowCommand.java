package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.IngestService;

@Command(scope = "tailor", name = "dead-letter-show", description = "Shows a rejected record: every field as received and every reason")
@Service
public class DeadLetterShowCommand implements Action {

    @Reference
    IngestService ingest;

    @Argument(index = 0, name = "id", description = "The id from tailor:dead-letter-list", required = true)
    long id;

    @Override
    public Object execute() {
        DeadLetter letter = ingest.deadLetter(id).orElseThrow(() -> new IllegalArgumentException("there is no dead letter " + id));
        System.out.println("Dead letter " + letter.id() + " (" + letter.state().name().toLowerCase(java.util.Locale.ROOT) + ")");
        System.out.println("  source:   " + letter.record().source() + " at " + letter.record().position());
        System.out.println("  kind:     " + letter.record().kind().name().toLowerCase(java.util.Locale.ROOT));
        System.out.println("  rejected: " + Formats.time(letter.rejectedAt()));
        if (!letter.note().isEmpty()) {
            System.out.println("  note:     " + letter.note());
        }
        System.out.println("Reasons:");
        letter.violations().forEach(v -> System.out.println("  " + v.field() + ": " + v.reason()));
        System.out.println("Fields:");
        letter.record().fields().forEach((name, value) -> System.out.println("  " + name + " = " + value));
        return null;
    }
}
