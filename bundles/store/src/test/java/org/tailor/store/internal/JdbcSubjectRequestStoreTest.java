package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.tailor.api.model.AuditEntry;
import org.tailor.api.model.SubjectRequest;
import org.tailor.api.store.StoreException;

@ParameterizedClass
@EnumSource(Dialect.class)
class JdbcSubjectRequestStoreTest extends DatabaseTestSupport {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    private JdbcStore db;
    private JdbcSubjectRequestStore store;

    @BeforeEach
    void open() {
        db = database.open();
        store = new JdbcSubjectRequestStore(db);
    }

    @Test
    void aRequestIsOpenedCompletedOnceAndAudited() {
        SubjectRequest request = new SubjectRequest("r1", SubjectRequest.Kind.ERASE, "p-1", "karaf", T0,
                SubjectRequest.State.RUNNING, Optional.empty(), "");
        store.open(request);
        assertThat(store.find("r1")).contains(request);

        SubjectRequest done = store.complete("r1", SubjectRequest.State.DONE, T0.plusSeconds(3), "profiles 1");
        assertThat(done.state()).isEqualTo(SubjectRequest.State.DONE);
        assertThat(done.completedAt()).contains(T0.plusSeconds(3));
        assertThat(done.detail()).isEqualTo("profiles 1");
        assertThatThrownBy(() -> store.complete("r1", SubjectRequest.State.FAILED, T0, "x"))
                .isInstanceOf(StoreException.class).hasMessageContaining("not running");

        store.open(new SubjectRequest("r2", SubjectRequest.Kind.EXPORT, "p-2", "karaf", T0.plusSeconds(10),
                SubjectRequest.State.RUNNING, Optional.empty(), ""));
        assertThat(store.list(10)).extracting(SubjectRequest::id).containsExactly("r2", "r1");

        List<AuditEntry> chain = new ArrayList<>();
        new JdbcAuditLogStore(db).forEach(1, chain::add);
        assertThat(chain).extracting(AuditEntry::detail).containsExactly("erase of profile p-1 opened by karaf",
                "erase of profile p-1 done: profiles 1", "export of profile p-2 opened by karaf");
    }
}
