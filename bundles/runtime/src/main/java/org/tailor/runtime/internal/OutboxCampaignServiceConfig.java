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

    @AttributeDefinition(name = "Unsubscribe URL",
            description = "Absolute http(s) URL of the one-click unsubscribe endpoint; ?token=... is appended.")
    String unsubscribe_url() default "http://127.0.0.1:8181/tailor/unsubscribe";

    @AttributeDefinition(name = "Unsubscribe mailbox",
            description = "Address of the mailto: unsubscribe link in List-Unsubscribe.")
    String unsubscribe_mailto() default "unsubscribe@localhost";

    @AttributeDefinition(name = "Unsubscribe key file",
            description = "File holding the secret that signs unsubscribe tokens, created at first start; "
                    + "blank means ${karaf.data}/tailor/unsubscribe.key.")
    String unsubscribe_key_file() default "";

    @AttributeDefinition(name = "Relay batch size",
            description = "How many pending outbox entries are read per page while relaying.")
    int relay_batch_size() default 200;
}
