package org.tailor.connector.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.tailor.api.ingest.RecordKind;

@ObjectClassDefinition(name = "Tailor JDBC connector",
        description = "Imports the rows of one table or view of a CRM or shop database that changed since the last"
                + " poll, in the order of a last-modified timestamp and a unique id; one configuration per source table.")
@interface JdbcConnectorConfig {

    @AttributeDefinition(name = "Connector name",
            description = "Short stable name shown on the console and under which the watermark is stored; give each"
                    + " connector its own, or two will share one watermark. Letters, digits, '.', '_' and '-', at most 64."
                    + " Blank: the name of the configuration, crm-customers for etc/org.tailor.connector.jdbc-crm-customers.cfg.")
    String name() default "";

    @AttributeDefinition(name = "Data source",
            description = "LDAP filter selecting the javax.sql.DataSource service to read from, as registered by"
                    + " pax-jdbc-config from etc/org.ops4j.datasource-<name>.cfg.")
    String dataSource_target() default "(dataSourceName=crm)";

    @AttributeDefinition(name = "Record kind",
            description = "What each row describes: CUSTOMER, ORDER, EVENT or ALIAS.")
    RecordKind kind() default RecordKind.CUSTOMER;

    @AttributeDefinition(name = "Table or view",
            description = "The table or view to read, optionally qualified as schema.table. Names are letters, digits"
                    + " and _ only, written as the database stores them.")
    String table() default "";

    @AttributeDefinition(name = "Column mapping",
            description = "Which columns become which canonical fields, as column:field entries separated by commas"
                    + " (for example cust_no:customer_id, mail:email, tier:attributes.tier); an entry without ':' keeps"
                    + " the column's name as the field name. Only mapped columns are read.")
    String[] columns() default {};

    @AttributeDefinition(name = "Watermark timestamp column",
            description = "The last-modified column (TIMESTAMP, TIMESTAMP WITH TIME ZONE, DATE or an increasing integer)"
                    + " that every insert and update sets. Rows where it is NULL are never imported.")
    String watermark_timestamp_column() default "updated_at";

    @AttributeDefinition(name = "Watermark id column",
            description = "A unique, non-null column breaking ties between rows with the same timestamp.")
    String watermark_id_column() default "id";

    @AttributeDefinition(name = "Batch size", min = "1", max = "1000",
            description = "Rows read per query; the watermark is saved after each batch has been handed to ingest.")
    int batch_size() default 500;

    @AttributeDefinition(name = "Overlap (seconds)", min = "0",
            description = "Every poll reads again the rows whose timestamp is at most this many seconds older than the"
                    + " watermark, to catch rows that were committed late with an older timestamp. Rows already handed"
                    + " over in this run are not handed again. 0 turns it off.")
    long overlap_seconds() default 0;

    @AttributeDefinition(name = "Time zone",
            description = "Zone of the database's timestamps without time zone (TIMESTAMP, DATETIME), as an ID such as"
                    + " UTC or Europe/Berlin.")
    String time_zone() default "UTC";

    @AttributeDefinition(name = "Line items table",
            description = "For ORDER: optional table or view of line items, joined to the order by the order's"
                    + " watermark id column. Blank: orders without items.")
    String items_table() default "";

    @AttributeDefinition(name = "Line items order column",
            description = "The column of the line items table holding the order's watermark id.")
    String items_order_column() default "order_id";

    @AttributeDefinition(name = "Line items column mapping",
            description = "column:field entries for the item fields sku, name, category, quantity and unit_price.")
    String[] items_columns() default {"sku", "name", "category", "quantity", "unit_price"};

    @AttributeDefinition(name = "Poll interval (ms)",
            description = "Milliseconds between two polls; published as the service property"
                    + " tailor.connector.interval, which the connector scheduler honours.")
    long tailor_connector_interval() default 10000;
}
