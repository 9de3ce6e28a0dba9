package org.tailor.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.tailor.api.ingest.IngestService;
import org.tailor.api.ingest.IngestStats;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.ProfileStore;

@Command(scope = "tailor", name = "status", description = "Shows how many profiles and events Tailor holds and what ingest accepted and rejected")
@Service
public class StatusCommand implements Action {

    @Reference
    ProfileStore profiles;

    @Reference
    EventStore events;

    @Reference
    IngestService ingest;

    @Override
    public Object execute() {
        IngestStats stats = ingest.stats();
        System.out.printf("Profiles:          %d%n", profiles.count());
        System.out.printf("Events:            %d%n", events.count());
        System.out.printf("Records accepted:  %d%n", stats.accepted());
        System.out.printf("Records rejected:  %d%n", stats.rejected());
        return null;
    }
}
