package org.tailor.connector.jdbc.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tailor.api.ingest.RecordKind;

/**
 * What one connector pulls, checked: every name a valid SQL identifier, every number in range.
 *
 * @param items the line items join, for orders only
 */
record PullSpec(String name, RecordKind kind, SqlName table, ColumnMapping columns, SqlName timestampColumn,
                SqlName idColumn, int batchSize, Duration overlap, ZoneId zone, Optional<ItemsSpec> items) {

    static final int MAX_BATCH = 1000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The line items table of an order pull. */
    record ItemsSpec(SqlName table, SqlName orderColumn, ColumnMapping columns) {
    }

    /**
     * @throws ConfigurationException naming the first property that cannot work and why
     */
    static PullSpec of(JdbcConnectorConfig config, String defaultName) {
        String name = config.name() == null || config.name().isBlank() ? defaultName : config.name().trim();
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException("name '" + name + "' is not a valid connector name: use letters, digits,"
                    + " '.', '_' and '-', at most 64");
        }
        if (config.kind() == null) {
            throw new ConfigurationException("kind is missing: use CUSTOMER, ORDER, EVENT or ALIAS");
        }
        SqlName table = SqlName.table("table", config.table());
        ColumnMapping columns = ColumnMapping.parse("columns", config.columns());
        SqlName timestamp = SqlName.column("watermark.timestamp.column", config.watermark_timestamp_column());
        SqlName id = SqlName.column("watermark.id.column", config.watermark_id_column());
        if (timestamp.equals(id)) {
            throw new ConfigurationException("watermark.timestamp.column and watermark.id.column are both " + id
                    + "; the id must be a second, unique column");
        }
        if (config.batch_size() < 1 || config.batch_size() > MAX_BATCH) {
            throw new ConfigurationException("batch.size " + config.batch_size() + " is out of range: use 1 to " + MAX_BATCH);
        }
        if (config.overlap_seconds() < 0) {
            throw new ConfigurationException("overlap.seconds " + config.overlap_seconds() + " is negative: use 0 or more");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.time_zone().trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new ConfigurationException("time.zone '" + config.time_zone() + "' is not a time zone ID such as UTC"
                    + " or Europe/Berlin");
        }
        Optional<ItemsSpec> items = Optional.empty();
        String itemsTable = config.items_table() == null ? "" : config.items_table().trim();
        if (!itemsTable.isEmpty()) {
            if (config.kind() != RecordKind.ORDER) {
                throw new ConfigurationException("items.table is set but kind is " + config.kind()
                        + "; line items belong to ORDER pulls only");
            }
            if (columns.mapsTo("items")) {
                throw new ConfigurationException("columns maps a column to items, which items.table fills; map it elsewhere");
            }
            items = Optional.of(new ItemsSpec(SqlName.table("items.table", itemsTable),
                    SqlName.column("items.order.column", config.items_order_column()),
                    ColumnMapping.parse("items.columns", config.items_columns())));
        }
        return new PullSpec(name, config.kind(), table, columns, timestamp, id, config.batch_size(),
                Duration.ofSeconds(config.overlap_seconds()), zone, items);
    }

    String source() {
        return "jdbc:" + name;
    }
}
