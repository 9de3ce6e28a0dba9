package org.tailor.connector.csv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor CSV hot folder",
        description = "Imports customers*.csv, orders*.csv and events*.csv dropped into an inbox folder;"
                + " finished files go to done/ (with a .rejects.csv for rejected rows), unusable ones to failed/.")
@interface CsvHotFolderConnectorConfig {

    @AttributeDefinition(name = "Inbox directory",
            description = "Folder watched for CSV files; blank means ${karaf.data}/inbox. The sub-folders"
                    + " processing/, done/ and failed/ are created inside it.")
    String directory() default "";

    @AttributeDefinition(name = "Settle time (ms)",
            description = "A file is only picked up once its size and modification time have not changed for"
                    + " this long, so that a file still being copied is not read half-written. 0 picks files up at once.")
    long settle_ms() default 1000;

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "Milliseconds between two looks at the inbox; published as the service property"
                    + " tailor.connector.interval, which the connector scheduler honours.")
    long tailor_connector_interval() default 1000;
}
