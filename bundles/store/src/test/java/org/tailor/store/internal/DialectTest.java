package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tailor.api.store.StoreException;

class DialectTest {

    @Test
    void defaultUrlIsAnEmbeddedFileUnderKarafData() {
        assertThat(JdbcStore.resolveUrl("", "/opt/karaf/data"))
                .isEqualTo("jdbc:h2:file:/opt/karaf/data/tailor/tailor" + JdbcStore.EMBEDDED_OPTIONS);
        assertThat(JdbcStore.resolveUrl(" ", null))
                .isEqualTo("jdbc:h2:file:" + Path.of("data/tailor/tailor").toAbsolutePath()
                        + JdbcStore.EMBEDDED_OPTIONS);
        assertThat(JdbcStore.resolveUrl(" jdbc:h2:mem:x ", "/ignored")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void configurationDefaults() {
        JdbcStoreConfig config = TestDatabase.config(Map.of());
        assertThat(config.jdbc_url()).isEmpty();
        assertThat(config.jdbc_user()).isEqualTo("sa");
        assertThat(config.jdbc_password()).isEmpty();
        assertThat(config.pool_size()).isEqualTo(4);
    }

    @Test
    void theUrlChoosesTheDialect() {
        assertThat(Dialect.of(JdbcStore.resolveUrl("", "/data"))).isEqualTo(Dialect.H2);
        assertThat(Dialect.of("jdbc:h2:mem:x")).isEqualTo(Dialect.H2);
        assertThat(Dialect.of("JDBC:PostgreSQL://db:5432/tailor?currentSchema=t")).isEqualTo(Dialect.POSTGRESQL);
        assertThatThrownBy(() -> Dialect.of("jdbc:mysql://db/tailor?password=secret"))
                .isInstanceOf(StoreException.class)
                .hasMessage("unsupported JDBC URL 'jdbc:mysql://db/tailor?...': the Tailor store runs on H2 "
                        + "(jdbc:h2:...) or PostgreSQL (jdbc:postgresql:...)");
    }

    @Test
    void upsertsAreOneStatement() {
        assertThat(Dialect.H2.upsert("t", "a, b", "a, b, c, d", "?, ?, ?, ?"))
                .isEqualTo("MERGE INTO t (a, b, c, d) KEY (a, b) VALUES (?, ?, ?, ?)");
        assertThat(Dialect.POSTGRESQL.upsert("t", "a, b", "a, b, c, d", "?, ?, ?, ?"))
                .isEqualTo("INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?) ON CONFLICT (a, b)"
                        + " DO UPDATE SET c = EXCLUDED.c, d = EXCLUDED.d");
    }

    @Test
    void postgresqlTruncatesToMicroseconds() {
        Instant nanos = Instant.parse("2025-01-01T00:00:00.123456789Z");
        assertThat(Dialect.H2.storable(nanos)).isEqualTo(nanos);
        assertThat(Dialect.POSTGRESQL.storable(nanos)).isEqualTo(Instant.parse("2025-01-01T00:00:00.123456Z"));
    }
}
