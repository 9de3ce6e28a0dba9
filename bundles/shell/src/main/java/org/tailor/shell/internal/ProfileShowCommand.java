package org.tailor.shell.internal;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.tailor.api.ingest.IdentityService;
import org.tailor.api.model.Event;
import org.tailor.api.model.Identity;
import org.tailor.api.model.Order;
import org.tailor.api.model.Profile;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.OrderStore;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "profile-show", description = "Shows a profile: identities, attributes, orders, recent events and merges")
@Service
public class ProfileShowCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    EventStore events;

    @Reference
    OrderStore orders;

    @Reference
    IdentityService identities;

    @Argument(index = 0, name = "person", description = "A profile id, or an identity as namespace:value such as customer_id:C00042", required = true)
    String person;

    @Option(name = "--events", description = "How many of the latest events to show (default 10)")
    int eventCount = 10;

    @Override
    public Object execute() {
        Profile profile = find(profiles, person);
        System.out.println("Profile " + profile.id() + " (created " + Formats.time(profile.createdAt())
                + ", updated " + Formats.time(profile.updatedAt()) + ")");
        System.out.println("Identities:");
        profile.identities().forEach(i -> System.out.println("  " + i));
        System.out.println("Attributes:");
        profile.attributes().forEach((name, value) -> System.out.println("  " + name + " = " + value));

        List<Order> bought = orders.ordersOf(profile.id());
        System.out.println("Orders: " + bought.size());
        if (!bought.isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("Order");
            table.column("Ordered");
            table.column("Total").alignRight();
            table.column("Lines").alignRight();
            table.column("Source");
            bought.forEach(o -> table.addRow().addContent(o.orderId(), Formats.time(o.orderedAt()),
                    o.total().toPlainString() + " " + o.currency(), o.lines().size(), o.source()));
            table.print(System.out);
        }

        List<Event> all = events.eventsOf(profile.id(), Instant.EPOCH);
        List<Event> latest = all.subList(Math.max(0, all.size() - Math.max(0, eventCount)), all.size());
        System.out.println("Events: " + all.size() + (latest.size() < all.size() ? " (latest " + latest.size() + ")" : ""));
        if (!latest.isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("Occurred");
            table.column("Type");
            table.column("Properties").maxSize(70);
            latest.forEach(e -> table.addRow().addContent(Formats.time(e.occurredAt()), e.type(), e.properties()));
            table.print(System.out);
        }

        var merges = identities.merges(profile.id());
        if (!merges.isEmpty()) {
            System.out.println("Merges:");
            merges.forEach(m -> System.out.println("  " + m.id() + ": " + m.absorbedId() + " into " + m.survivorId()
                    + " at " + Formats.time(m.mergedAt()) + " (" + m.reason() + ")"
                    + m.revertedAt().map(t -> ", undone at " + Formats.time(t)).orElse("")));
        }
        return null;
    }

    /** A profile by id, or by identity when the text has the namespace:value form. */
    static Profile find(ProfileStore profiles, String person) {
        if (person.indexOf(':') > 0) {
            Identity identity = Identity.parse(person);
            return profiles.findByIdentity(identity)
                    .orElseThrow(() -> new IllegalArgumentException("no profile has the identity " + identity));
        }
        return profiles.find(person).orElseThrow(() -> new IllegalArgumentException("there is no profile " + person));
    }
}
