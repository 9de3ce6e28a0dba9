package org.tailor.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.delivery.TriggerService;
import org.tailor.api.delivery.TriggerTimer;

@Command(scope = "tailor", name = "trigger-fire",
        description = "Fires a person's pending timers of a trigger now, with the usual consent and cancel checks")
@Service
public class TriggerFireCommand implements Action {

    @Argument(index = 0, name = "trigger", description = "The trigger id", required = true)
    @Completion(TriggerIdCompleter.class)
    String triggerId;

    @Argument(index = 1, name = "profile", description = "The profile id", required = true)
    String profileId;

    @Reference
    TriggerService triggers;

    @Override
    public Object execute() {
        List<TriggerTimer> fired = triggers.fireNow(triggerId, profileId);
        if (fired.isEmpty()) {
            System.out.println("No pending timer of trigger " + triggerId + " for profile " + profileId
                    + " (timers: " + triggers.timers(triggerId, profileId).size() + ")");
        }
        for (TriggerTimer t : fired) {
            System.out.println(t.status() + " " + t.cause() + " (started " + Formats.time(t.startedAt()) + ", due "
                    + Formats.time(t.dueAt()) + ")" + (t.detail().isEmpty() ? "" : ": " + t.detail()));
        }
        return null;
    }
}
