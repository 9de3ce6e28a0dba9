package org.tailor.connector.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tailor.api.connector.ConnectorStatus;

/** Configuration text reaches SQL only as checked, quoted names; a configuration that cannot work says why. */
class ConfigurationTest {

    static Map<String, Object> valid() {
        return new HashMap<>(Map.of("name", "crm-customers", "table", "crm.customers",
                "columns", "id:customer_id, mail:email"));
    }

    static PullSpec spec(Map<String, Object> properties) {
        return PullSpec.of(Configs.config(properties), "from-pid");
    }

    @Test
    void defaultsAreSafeAndTheQueriesAreQuotedAndBound() {
        PullSpec spec = spec(valid());

        assertThat(spec.batchSize()).isEqualTo(500);
        assertThat(spec.overlap()).isZero();
        assertThat(spec.zone().getId()).isEqualTo("UTC");
        assertThat(spec.items()).isEmpty();
        KeysetQueries queries = new KeysetQueries(spec, "\"");
        assertThat(queries.fromStart()).isEqualTo("SELECT \"updated_at\", \"id\", \"id\", \"mail\" FROM \"crm\".\"customers\""
                + " WHERE \"updated_at\" IS NOT NULL AND \"id\" IS NOT NULL ORDER BY \"updated_at\", \"id\"");
        IdKey id = new IdKey(IdKey.Kind.LONG, "", 1L);
        assertThat(queries.after(id)).endsWith("WHERE (\"updated_at\" > ? OR (\"updated_at\" = ? AND \"id\" > ?))"
                + " AND \"id\" IS NOT NULL ORDER BY \"updated_at\", \"id\"");
        assertThat(new KeysetQueries(spec, "`").after(new IdKey(IdKey.Kind.CAST, "uuid", "x")))
                .contains("`id` > CAST(? AS uuid)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "table|customers; DROP TABLE x|table 'customers; DROP TABLE x' is not a valid name",
            "table|\"customers\"|table '\"customers\"' is not a valid name",
            "table|a.b.c.d|table 'a.b.c.d' is not a valid name",
            "table|''|table is blank",
            "columns|id:customer_id, mail--:email|the column 'mail--' is not a valid name",
            "columns|id:customer_id, mail:Email|'Email' is not a field name",
            "columns|id:customer_id, mail:customer_id|field customer_id is mapped from two columns",
            "columns|''|columns is empty",
            "watermark.timestamp.column|updated_at)--|watermark.timestamp.column 'updated_at)--' is not a valid name",
            "watermark.id.column|updated_at|the id must be a second, unique column",
            "batch.size|0|batch.size 0 is out of range",
            "batch.size|5000|batch.size 5000 is out of range",
            "overlap.seconds|-1|overlap.seconds -1 is negative",
            "time.zone|Mars/Olympus|time.zone 'Mars/Olympus' is not a time zone ID",
            "name|a b|name 'a b' is not a valid connector name",
            "items.table|items|items.table is set but kind is CUSTOMER",
    })
    void aConfigurationThatCannotWorkNamesThePropertyAndTheReason(String property, String value, String message) {
        Map<String, Object> properties = valid();
        properties.put(property, value);

        assertThatThrownBy(() -> spec(properties)).isInstanceOf(ConfigurationException.class).hasMessageContaining(message);
    }

    @Test
    void aBrokenConfigurationStillRegistersAndReportsOnEveryPoll() {
        Map<String, Object> properties = valid();
        properties.put("table", "x;y");
        JdbcConnector connector = new JdbcConnector(Configs.config(properties), null, new MemoryStateStore(),
                Clock.systemUTC());
        assertThat(connector.status().lastError()).contains("configuration: table 'x;y' is not a valid name");
        assertThat(connector.status().unitsFailed()).isZero();

        assertThatThrownBy(() -> connector.poll(new CollectingSink()))
                .isInstanceOf(PullFailedException.class)
                .hasMessage("crm-customers: configuration: table 'x;y' is not a valid name: use letters, digits and _,"
                        + " starting with a letter or _, at most 63 each, parts separated by dots");
        ConnectorStatus status = connector.status();
        assertThat(status.name()).isEqualTo("crm-customers");
        assertThat(status.lastError()).contains("configuration: table 'x;y' is not a valid name");
        assertThat(status.unitsFailed()).isEqualTo(1);
    }

    @Test
    void columnEntriesMayBeOneListOrManyAndKeepTheirOrder() {
        ColumnMapping mapping = ColumnMapping.parse("columns", new String[] {"cust_no:customer_id, mail : email", "city"});

        assertThat(mapping.columns()).extracting(SqlName::toString).containsExactly("cust_no", "mail", "city");
        assertThat(mapping.field(SqlName.column("c", "mail"))).isEqualTo("email");
        assertThat(mapping.field(SqlName.column("c", "city"))).isEqualTo("city");
    }

    @Test
    void ordersMayNameALineItemsTable() {
        Map<String, Object> properties = valid();
        properties.put("kind", "ORDER");
        properties.put("items.table", "shop.order_lines");

        PullSpec.ItemsSpec items = spec(properties).items().orElseThrow();

        assertThat(items.table()).hasToString("shop.order_lines");
        assertThat(items.orderColumn()).hasToString("order_id");
        assertThat(KeysetQueries.items(items, "\"", 2, "?")).isEqualTo("SELECT \"order_id\", \"sku\", \"name\","
                + " \"category\", \"quantity\", \"unit_price\" FROM \"shop\".\"order_lines\" WHERE \"order_id\" IN (?, ?)"
                + " ORDER BY \"order_id\", \"sku\", \"name\", \"category\", \"quantity\", \"unit_price\"");
    }

    @Test
    void aBlankNameIsTakenFromTheConfigurationFileName() {
        Map<String, Object> properties = valid();
        properties.remove("name");

        assertThat(spec(properties).name()).isEqualTo("from-pid");
        assertThat(JdbcConnector.nameFromPid("org.tailor.connector.jdbc~crm-customers")).isEqualTo("crm-customers");
        assertThat(JdbcConnector.nameFromPid("org.tailor.connector.jdbc.5f3c-a1")).isEqualTo("jdbc-5f3c-a1");
        assertThat(JdbcConnector.nameFromPid(null)).isEqualTo("jdbc");
        JdbcConnector connector = new JdbcConnector(Configs.config(properties), "org.tailor.connector.jdbc~shop-orders",
                null, new MemoryStateStore(), Clock.systemUTC());
        assertThat(connector.name()).isEqualTo("shop-orders");
    }
}
