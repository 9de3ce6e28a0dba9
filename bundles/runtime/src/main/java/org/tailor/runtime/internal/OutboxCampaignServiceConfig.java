package org.tailor.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor campaign runtime",
        description = "Loads campaign definitions, sends campaigns through the durable outbox and relays it to a transport.")
@interface OutboxCampaignServiceConfig {

    @AttributeDefinition(name = "Campaigns directory",
            description = "Folder of campaign *.json files; blank means ${karaf.etc}/tailor/campaigns.")
    String campaigns_directory() default "";

    @AttributeDefinition(name = "Scan interval (ms)",
            description = "How often the campaigns directory is read again; 0 reads it only at start.")
    long scan_interval_ms() default 2000;

    @AttributeDefinition(name = "Transport",
            description = "The tailor.transport name of the transport to relay through, for example file or smtp.")
    String transport() default "file";

    @AttributeDefinition(name = "Relay batch size",
            description = "How many pending outbox entries are read per page while relaying.")
    int relay_batch_size() default 200;

    @AttributeDefinition(name = "Pause at render failures (%)",
            description = "A send pauses by itself, relaying nothing, when more than this share of its renders failed "
                    + "(and at least the minimum below did).")
    double render_failures_pause_percent() default 5.0;

    @AttributeDefinition(name = "Pause at render failures (minimum)",
            description = "How many renders must have failed before the share above can pause a send.")
    long render_failures_pause_minimum() default 20;

    @AttributeDefinition(name = "Relay lease (seconds)",
            description = "How long a node holds the outbox entries it took for relaying; if it stops, another node "
                    + "sharing the database takes them after this. Longer than relaying one page ever takes.")
    long relay_lease_seconds() default 300;

    @AttributeDefinition(name = "Relay interval (seconds)",
            description = "How often pending messages that are due (after quiet hours, or left by a node that "
                    + "stopped) are relayed; 0 relays only when a campaign is sent.")
    long relay_interval_seconds() default 60;

    @AttributeDefinition(name = "Quiet hours",
            description = "Local time window, e.g. 21:00-08:00, in which no marketing message is handed to the "
                    + "transport; messages are held until it ends (in the recipient's time_zone). Blank: none.")
    String quiet_hours() default "";

    @AttributeDefinition(name = "Default time zone",
            description = "Time zone for quiet hours of recipients without a valid time_zone attribute.")
    String default_time_zone() default "UTC";

    @AttributeDefinition(name = "Frequency cap (messages)",
            description = "At most this many marketing messages per person in the period below, over all "
                    + "campaigns; a person at the cap is skipped. 0: no cap.")
    int frequency_cap_messages() default 0;

    @AttributeDefinition(name = "Frequency cap period (days)", min = "1")
    int frequency_cap_days() default 7;
}
