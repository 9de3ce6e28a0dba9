package org.tailor.shell.internal;

import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.IngestService;

@Command(scope = "tailor", name = "dead-letter-list", description = "Lists rejected records waiting for an admin, newest first")
@Service
public class DeadLetterListCommand implements Action {

    @Reference
    IngestService ingest;

    @Option(name = "--source", description = "Only records from this source, e.g. csv:customers.csv")
    String source;

    @Option(name = "--limit", description = "At most this many (default 50)")
    int limit = 50;

    @Override
    public Object execute() {
        List<DeadLetter> letters = ingest.deadLetters(Optional.ofNullable(source), limit);
        ShellTable table = new ShellTable();
        table.column("Id").alignRight();
        table.column("Source");
        table.column("Position");
        table.column("Kind");
        table.column("Rejected");
        table.column("Reason");
        for (DeadLetter letter : letters) {
            var first = letter.violations().get(0);
            String more = letter.violations().size() > 1 ? " (+" + (letter.violations().size() - 1) + " more)" : "";
            table.addRow().addContent(letter.id(), letter.record().source(), letter.record().position(),
                    letter.record().kind().name().toLowerCase(java.util.Locale.ROOT), Formats.time(letter.rejectedAt()),
                    Formats.cell(first + more, 70));
        }
        table.print(System.out);
        if (letters.isEmpty()) {
            System.out.println("No rejected records are waiting.");
        }
        return null;
    }
}
