package org.tailor.shell.internal;

import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.consent.ConsentAdministration;
import org.tailor.api.consent.ConsentService;
import org.tailor.api.model.ConsentRecord;
import org.tailor.api.model.Profile;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "consent-history", description = "Shows a person's current consent per purpose and every entry with its proof")
@Service
public class ConsentHistoryCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    ConsentService consent;

    @Reference
    ConsentAdministration administration;

    @Argument(index = 0, name = "person", description = "A profile id, or an identity as namespace:value", required = true)
    String person;

    @Override
    public Object execute() {
        Profile profile = ProfileShowCommand.find(profiles, person);
        System.out.println("Consent of profile " + profile.id());
        ShellTable now = new ShellTable();
        now.column("Purpose");
        now.column("Now");
        now.column("Since");
        administration.current(profile.id()).forEach((purpose, state) -> now.addRow().addContent(purpose,
                state.status().name().toLowerCase(Locale.ROOT),
                state.deciding().map(r -> Formats.time(r.recordedAt())).orElse("-")));
        now.print(System.out);

        ShellTable history = new ShellTable();
        for (String column : new String[] {"When", "Purpose", "Status", "Basis", "Channel", "Actor", "Text", "Expires", "Source"}) {
            history.column(column);
        }
        for (ConsentRecord r : consent.history(profile.id())) {
            history.addRow().addContent(Formats.time(r.recordedAt()), r.purpose(), r.status().name().toLowerCase(Locale.ROOT),
                    r.lawfulBasis().name().toLowerCase(Locale.ROOT), r.channel(), r.actor(),
                    r.textVersion().isEmpty() ? "-" : r.textVersion(),
                    r.expiresAt().map(Formats::time).orElse("-"), Formats.cell(r.source(), 60));
        }
        history.print(System.out);
        return null;
    }
}
