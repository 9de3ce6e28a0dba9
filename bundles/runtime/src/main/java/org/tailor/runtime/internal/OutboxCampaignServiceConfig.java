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
}
