package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.delivery.TimerStatus;
import org.tailor.api.delivery.TriggerService;
import org.tailor.api.delivery.TriggerSummary;

@Command(scope = "tailor", name = "trigger-list",
        description = "Lists triggers with their condition and timers per status, and what keeps triggers from sending")
@Service
public class TriggerListCommand implements Action {

    @Reference
    TriggerService triggers;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Kind");
        table.column("Condition");
        table.column("Template");
        table.column("Pending").alignRight();
        table.column("Fired").alignRight();
        table.column("Skipped").alignRight();
        table.column("Cancelled").alignRight();
        for (TriggerSummary t : triggers.triggers()) {
            table.addRow().addContent(t.id(), t.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    Formats.cell(t.condition(), 60), t.templateId(), t.count(TimerStatus.PENDING),
                    t.count(TimerStatus.FIRED), t.count(TimerStatus.SKIPPED), t.count(TimerStatus.CANCELLED));
        }
        table.print(System.out);
        for (String problem : triggers.problems()) {
            System.out.println("Problem: " + problem);
        }
        return null;
    }
}
