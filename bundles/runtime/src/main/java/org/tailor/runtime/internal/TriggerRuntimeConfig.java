package org.tailor.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor triggers",
        description = "Loads trigger definitions, keeps their timers in the store, fires the due ones through the "
                + "durable outbox and relays it to a transport.")
@interface TriggerRuntimeConfig {

    @AttributeDefinition(name = "Triggers directory",
            description = "Folder of trigger *.json files; blank means ${karaf.etc}/tailor/triggers.")
    String triggers_directory() default "";

    @AttributeDefinition(name = "Scan interval (ms)",
            description = "How often the triggers directory is read again; 0 reads it only at start.")
    long scan_interval_ms() default 2000;

    @AttributeDefinition(name = "Poll interval (seconds)",
            description = "How often due timers are claimed and fired; 0 turns firing off (timers keep until it is on).")
    long poll_interval_seconds() default 30;

    @AttributeDefinition(name = "Batch size", description = "How many due timers one poll claims at a time.")
    int batch_size() default 100;

    @AttributeDefinition(name = "Lease (seconds)",
            description = "How long a node holds the timers it claimed; if it dies, another node fires them after this.")
    long lease_seconds() default 300;

    @AttributeDefinition(name = "Retry (minutes)",
            description = "When a timer that could not be decided (consent unreadable, template or segment not loaded) "
                    + "is tried again.")
    long retry_minutes() default 10;

    @AttributeDefinition(name = "Most late (hours)",
            description = "A timer due longer ago than this (the runtime was down, or old events were imported) is "
                    + "skipped instead of sent late.")
    long max_late_hours() default 24;

    @AttributeDefinition(name = "Date sweep (minutes)",
            description = "How often every profile's anniversaries are scheduled for the coming day and this interval.")
    long date_sweep_minutes() default 360;

    @AttributeDefinition(name = "Catch up at start",
            description = "At start, schedule what the event and segment listeners missed while the runtime was stopped.")
    boolean catch_up() default true;

    @AttributeDefinition(name = "Transport", description = "The tailor.transport name to relay through, for example file or smtp.")
    String transport() default "file";

    @AttributeDefinition(name = "Relay batch size",
            description = "How many pending outbox entries are read per page while relaying.")
    int relay_batch_size() default 200;

    @AttributeDefinition(name = "Node id",
            description = "How this node names itself on the timers it claims; blank means host name, process id and a "
                    + "random suffix. Must differ between nodes on one database.")
    String node_id() default "";
}
