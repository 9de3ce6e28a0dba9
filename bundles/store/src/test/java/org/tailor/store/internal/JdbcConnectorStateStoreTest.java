package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcConnectorStateStoreTest extends DatabaseTestSupport {

    private JdbcStore db;
    private JdbcConnectorStateStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcConnectorStateStore(db);
    }

    @Test
    void putGetReplaceRemove() {
        assertThat(store.get("crm", "watermark")).isEmpty();

        store.put("crm", "watermark", "2025-01-01T00:00:00Z");
        assertThat(store.get("crm", "watermark")).contains("2025-01-01T00:00:00Z");

        store.put("crm", "watermark", "2025-02-01T00:00:00Z|id=42");
        assertThat(store.get("crm", "watermark")).contains("2025-02-01T00:00:00Z|id=42");

        store.remove("crm", "watermark");
        assertThat(store.get("crm", "watermark")).isEmpty();
        store.remove("crm", "watermark");
    }

    @Test
    void keysAreScopedByConnectorAndSurviveAReopen() {
        store.put("crm", "watermark", "a");
        store.put("shop", "watermark", "b");
        store.put("crm", "cursor", "x".repeat(10_000));

        db.close();
        JdbcConnectorStateStore reopened = new JdbcConnectorStateStore(database.open());
        assertThat(reopened.get("crm", "watermark")).contains("a");
        assertThat(reopened.get("shop", "watermark")).contains("b");
        assertThat(reopened.get("crm", "cursor")).contains("x".repeat(10_000));
        reopened.remove("shop", "watermark");
        assertThat(reopened.get("crm", "watermark")).contains("a");
    }
}
