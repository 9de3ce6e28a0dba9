package org.tailor.connector.csv.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Tailor hot folder",
        description = "One inbox folder per configuration (etc/org.tailor.connector.csv-<name>.cfg), importing"
                + " customers*, orders* and events* files as CSV (.csv) or JSON lines (.jsonl, .ndjson); finished"
                + " files go to done/ (with a .rejects.csv for rejected records), unusable ones to failed/.")
@interface CsvHotFolderConnectorConfig {

    @AttributeDefinition(name = "Name",
            description = "The configuration's name; the connector is called csv-<name>. Blank means the name in"
                    + " the configuration file's name (default for org.tailor.connector.csv-default.cfg).")
    String name() default "";

    @AttributeDefinition(name = "Inbox directory",
            description = "Folder watched for files; blank means ${karaf.data}/inbox for the configuration named"
                    + " default and ${karaf.data}/inbox-<name> for any other. The sub-folders processing/, done/ and"
                    + " failed/ are created inside it. No two configurations may share a folder or nest one in another.")
    String directory() default "";

    @AttributeDefinition(name = "Settle time (ms)",
            description = "A file is only picked up once its size and modification time have not changed for"
                    + " this long, so that a file still being copied is not read half-written. 0 picks files up at once.")
    long settle_ms() default 1000;

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "Milliseconds between two looks at the inbox; published as the service property"
                    + " tailor.connector.interval, which the connector scheduler honours.")
    long tailor_connector_interval() default 1000;

    @AttributeDefinition(name = "Column mapping", required = false,
            description = "Renames the columns (CSV) or top-level keys (JSON lines) of every kind of file to Tailor's"
                    + " fields: <name in the file>=<field>, separated by commas, e.g. E-Mail=email, Kunden-Nr=customer_id."
                    + " The field - drops the column. Names not listed must be Tailor's own.")
    String mapping() default "";

    @AttributeDefinition(name = "Column mapping for customers files", required = false,
            description = "Like mapping, for customers* files only; wins over mapping for the same name.")
    String mapping_customers() default "";

    @AttributeDefinition(name = "Column mapping for orders files", required = false,
            description = "Like mapping, for orders* files only; wins over mapping for the same name. Line item"
                    + " columns map to item_sku, item_name, item_category, item_quantity, item_unit_price.")
    String mapping_orders() default "";

    @AttributeDefinition(name = "Column mapping for events files", required = false,
            description = "Like mapping, for events* files only; wins over mapping for the same name.")
    String mapping_events() default "";
}
