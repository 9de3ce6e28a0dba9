package org.tailor.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.SubjectRequest;
import org.tailor.api.store.StoreException;
import org.tailor.api.store.SubjectRequestStore;

/**
 * Data-subject requests in table {@code subject_requests}; opening and completing one each append
 * an entry of kind {@code subject_request} to the audit chain in the same transaction.
 */
@Component(service = SubjectRequestStore.class)
public final class JdbcSubjectRequestStore implements SubjectRequestStore {

    static final String AUDIT_KIND = "subject_request";
    private static final String SELECT = "SELECT id, kind, profile_id, actor, requested_at, state, completed_at, detail"
            + " FROM subject_requests";

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcSubjectRequestStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public void open(SubjectRequest request) {
        Objects.requireNonNull(request, "request");
        db.inTransaction("open subject request " + request.id(), c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO subject_requests (id, kind, profile_id,"
                    + " actor, requested_at, state, completed_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, request.id());
                insert.setString(2, request.kind().name());
                insert.setString(3, request.profileId());
                insert.setString(4, request.actor());
                dialect.setInstant(insert, 5, request.requestedAt());
                insert.setString(6, request.state().name());
                if (request.completedAt().isPresent()) {
                    dialect.setInstant(insert, 7, request.completedAt().get());
                } else {
                    insert.setNull(7, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                }
                insert.setString(8, fit(request.detail()));
                insert.executeUpdate();
            }
            return AuditChain.append(c, dialect, List.of(new AuditChain.Draft(request.requestedAt(), AUDIT_KIND,
                    request.id(), name(request.kind()) + " of profile " + request.profileId() + " opened by "
                    + request.actor())));
        });
    }

    @Override
    public SubjectRequest complete(String id, SubjectRequest.State state, Instant completedAt, String detail) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        if (state == SubjectRequest.State.RUNNING) {
            throw new IllegalArgumentException("a request completes as DONE or FAILED");
        }
        return db.inTransaction("complete subject request " + id, c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE subject_requests SET state = ?, completed_at = ?,"
                    + " detail = ? WHERE id = ? AND state = ?")) {
                update.setString(1, state.name());
                dialect.setInstant(update, 2, completedAt);
                update.setString(3, fit(detail));
                update.setString(4, id);
                update.setString(5, SubjectRequest.State.RUNNING.name());
                if (update.executeUpdate() == 0) {
                    throw new StoreException("subject request " + id + " is not running");
                }
            }
            SubjectRequest done = find(c, id).orElseThrow();
            AuditChain.append(c, dialect, List.of(new AuditChain.Draft(completedAt, AUDIT_KIND, id,
                    name(done.kind()) + " of profile " + done.profileId() + " " + name(state) + ": " + done.detail())));
            return done;
        });
    }

    @Override
    public Optional<SubjectRequest> find(String id) {
        return db.withConnection("read subject request " + id, c -> find(c, id));
    }

    private Optional<SubjectRequest> find(Connection c, String id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(SELECT + " WHERE id = ?")) {
            statement.setString(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    @Override
    public List<SubjectRequest> list(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return db.withConnection("list subject requests", c -> {
            try (PreparedStatement statement = c.prepareStatement(SELECT
                    + " ORDER BY requested_at DESC, id FETCH FIRST ? ROWS ONLY")) {
                statement.setInt(1, limit);
                List<SubjectRequest> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            }
        });
    }

    private static SubjectRequest read(ResultSet rows) throws SQLException {
        return new SubjectRequest(rows.getString("id"), SubjectRequest.Kind.valueOf(rows.getString("kind")),
                rows.getString("profile_id"), rows.getString("actor"), Jdbc.getInstant(rows, "requested_at"),
                SubjectRequest.State.valueOf(rows.getString("state")), Jdbc.getOptionalInstant(rows, "completed_at"),
                rows.getString("detail"));
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String fit(String detail) {
        return detail.length() <= AuditChain.MAX_DETAIL ? detail : detail.substring(0, AuditChain.MAX_DETAIL - 1) + "…";
    }
}
