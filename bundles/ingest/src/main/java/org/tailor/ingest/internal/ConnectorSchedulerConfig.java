package org.tailor.ingest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor connector scheduler",
        description = "Polls every registered connector and feeds what it reads to ingest.")
@interface ConnectorSchedulerConfig {

    @AttributeDefinition(name = "Default poll interval (ms)", min = "1",
            description = "Milliseconds between the end of one poll and the start of the next, for connectors "
                    + "that do not set the service property tailor.connector.interval.")
    long default_interval_ms() default 1000;

    @AttributeDefinition(name = "Stop timeout (ms)", min = "0",
            description = "How long to wait for a poll in progress to finish when a connector goes away or "
                    + "the scheduler stops; after that the poll is interrupted.")
    long stop_timeout_ms() default 10_000;
}
