package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.Suppression;
import org.tailor.api.model.SuppressionReason;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcSuppressionStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String H1 = "a".repeat(64);
    private static final String H2 = "b".repeat(64);

    private JdbcStore db;
    private JdbcSuppressionStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcSuppressionStore(db);
    }

    @Test
    void theFirstReasonIsKeptAndEveryChangeIsAudited() {
        Suppression bounce = new Suppression(H1, SuppressionReason.HARD_BOUNCE, "550 5.1.1", T0);
        assertThat(store.add(bounce, "relay")).isTrue();
        assertThat(store.add(new Suppression(H1, SuppressionReason.MANUAL, "again", T0.plusSeconds(1)), "admin")).isFalse();
        assertThat(store.add(new Suppression(H2, SuppressionReason.COMPLAINT, "", T0.plusSeconds(2)), "fbl")).isTrue();

        assertThat(store.find(H1)).contains(bounce);
        assertThat(store.count()).isEqualTo(2);
        assertThat(store.list(T0.plusSeconds(60), 10)).extracting(Suppression::addressHash).containsExactly(H2, H1);
        assertThat(store.list(T0.plusSeconds(2), 10)).extracting(Suppression::addressHash).containsExactly(H1);

        assertThat(store.remove(H1, "admin", "bounced by mistake")).isTrue();
        assertThat(store.remove(H1, "admin", "again")).isFalse();
        assertThat(store.find(H1)).isEmpty();

        List<AuditEntry> chain = new ArrayList<>();
        new JdbcAuditLogStore(db).forEach(1, chain::add);
        assertThat(chain).extracting(AuditEntry::detail).containsExactly("added: hard_bounce; actor relay",
                "added: complaint; actor fbl", "removed; actor admin; reason bounced by mistake");
        assertThat(chain).extracting(AuditEntry::subject).containsExactly(H1, H2, H1);
    }
}
