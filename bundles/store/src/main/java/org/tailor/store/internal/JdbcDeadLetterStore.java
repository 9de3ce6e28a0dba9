package org.tailor.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.ingest.DeadLetter;
import org.tailor.api.ingest.InboundRecord;
import org.tailor.api.ingest.RecordKind;
import org.tailor.api.ingest.Violation;
import org.tailor.api.store.DeadLetterStore;
import org.tailor.api.store.StoreException;

/**
 * Rejected records in table {@code dead_letters}. The record's fields are kept as JSON by the
 * {@linkplain AttributeCodec#nested() nested codec}, which keeps each value's type (lists and maps
 * included) and never refuses one, so that no rejected record is lost for an odd value.
 *
 * <p>Which records are "the same" is decided by a fingerprint of kind, source, position and fields
 * (independent of the fields' order), held in {@code open_fingerprint} only while the entry is open.
 * Its unique index makes a second open copy impossible even when two threads reject the same record
 * at once: the loser updates the winner's entry instead.
 */
@Component(service = DeadLetterStore.class)
public final class JdbcDeadLetterStore implements DeadLetterStore {

    /** Attempts at update-else-insert: the insert can lose to a concurrent one only once per rival. */
    private static final int ATTEMPTS = 5;
    private static final String COLUMNS = "SELECT id, source, position, kind, fields, violations, rejected_at, state,"
            + " note FROM dead_letters";

    private final JdbcStore db;
    private final Dialect dialect;
    private final AttributeCodec codec = AttributeCodec.nested();
    private final ObjectMapper mapper = JsonMapper.builder().build();

    @Activate
    public JdbcDeadLetterStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    /**
     * An open copy of the same record gets the new violations and rejection time (its note stays);
     * otherwise a new entry is added. A letter added in another state than open is always added.
     */
    @Override
    public DeadLetter add(DeadLetter letter) {
        Objects.requireNonNull(letter, "letter");
        InboundRecord record = letter.record();
        String fields = codec.encode(record.fields());
        String violations = violations(letter.violations());
        boolean open = letter.state() == DeadLetter.State.OPEN;
        String fingerprint = fingerprint(record);
        return db.withConnection("keep dead letter from " + record.source() + " at " + record.position(), c -> {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (open) {
                    Optional<Long> existing = updateOpen(c, fingerprint, violations, letter);
                    if (existing.isPresent()) {
                        return find(c, existing.get()).orElseThrow();
                    }
                }
                Optional<Long> id = insert(c, letter, fields, violations, open ? fingerprint : null);
                if (id.isPresent()) {
                    return new DeadLetter(id.get(), record, letter.violations(), dialect.storable(letter.rejectedAt()),
                            letter.state(), letter.note());
                }
            }
            throw new StoreException("keep dead letter from " + record.source() + " at " + record.position()
                    + " failed: it kept colliding with concurrent copies of the same record");
        });
    }

    @Override
    public Optional<DeadLetter> find(long id) {
        return db.withConnection("find dead letter " + id, c -> find(c, id));
    }

    /** Newest first by rejection time, then by id. */
    @Override
    public List<DeadLetter> open(Optional<String> source, int limit) {
        Objects.requireNonNull(source, "source");
        if (limit <= 0) {
            return List.of();
        }
        return db.withConnection("read open dead letters" + source.map(s -> " of " + s).orElse(""), c -> {
            try (PreparedStatement statement = c.prepareStatement(COLUMNS + " WHERE state = ?"
                    + (source.isPresent() ? " AND source = ?" : "")
                    + " ORDER BY rejected_at DESC, id DESC FETCH FIRST ? ROWS ONLY")) {
                int index = 1;
                statement.setString(index++, DeadLetter.State.OPEN.name());
                if (source.isPresent()) {
                    statement.setString(index++, source.get());
                }
                statement.setInt(index, limit);
                return letters(statement);
            }
        });
    }

    @Override
    public Map<String, Long> openCounts() {
        return db.withConnection("count open dead letters", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT source, COUNT(*) FROM dead_letters"
                    + " WHERE state = ? GROUP BY source ORDER BY source")) {
                statement.setString(1, DeadLetter.State.OPEN.name());
                Map<String, Long> counts = new LinkedHashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        counts.put(rows.getString(1), rows.getLong(2));
                    }
                }
                return counts;
            }
        });
    }

    /** The state condition in the UPDATE itself makes the move atomic: a second resolve answers false. */
    @Override
    public boolean resolve(long id, DeadLetter.State state, String note) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
        String sql = state == DeadLetter.State.OPEN
                ? "UPDATE dead_letters SET note = ? WHERE id = ? AND state = ?"
                : "UPDATE dead_letters SET note = ?, state = ?, open_fingerprint = NULL WHERE id = ? AND state = ?";
        return db.withConnection("resolve dead letter " + id + " as " + state, c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                int index = 1;
                update.setString(index++, note);
                if (state != DeadLetter.State.OPEN) {
                    update.setString(index++, state.name());
                }
                update.setLong(index++, id);
                update.setString(index, DeadLetter.State.OPEN.name());
                return update.executeUpdate() > 0;
            }
        });
    }

    private Optional<Long> updateOpen(Connection c, String fingerprint, String violations, DeadLetter letter)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE dead_letters SET violations = "
                + dialect.jsonParameter() + ", rejected_at = ? WHERE open_fingerprint = ?")) {
            update.setString(1, violations);
            dialect.setInstant(update, 2, letter.rejectedAt());
            update.setString(3, fingerprint);
            if (update.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM dead_letters WHERE open_fingerprint = ?")) {
            select.setString(1, fingerprint);
            try (ResultSet rows = select.executeQuery()) {
                // Resolved between the two statements: the caller then adds a new entry.
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<Long> insert(Connection c, DeadLetter letter, String fields, String violations,
                                  String fingerprint) throws SQLException {
        InboundRecord record = letter.record();
        try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew("INSERT INTO dead_letters (source,"
                + " position, kind, fields, violations, rejected_at, state, note, open_fingerprint) VALUES (?, ?, ?, "
                + dialect.jsonParameter() + ", " + dialect.jsonParameter() + ", ?, ?, ?, ?)"),
                new String[] {"id"})) {
            insert.setString(1, record.source());
            insert.setString(2, record.position());
            insert.setString(3, record.kind().name());
            insert.setString(4, fields);
            insert.setString(5, violations);
            dialect.setInstant(insert, 6, letter.rejectedAt());
            insert.setString(7, letter.state().name());
            insert.setString(8, letter.note());
            insert.setString(9, fingerprint);
            if (!Jdbc.insertIfNew(insert)) {
                return Optional.empty();
            }
            try (ResultSet keys = insert.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the new dead letter");
                }
                return Optional.of(keys.getLong(1));
            }
        }
    }

    private Optional<DeadLetter> find(Connection c, long id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(COLUMNS + " WHERE id = ?")) {
            statement.setLong(1, id);
            return letters(statement).stream().findFirst();
        }
    }

    private List<DeadLetter> letters(PreparedStatement statement) throws SQLException {
        List<DeadLetter> letters = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong("id");
                try {
                    InboundRecord record = new InboundRecord(rows.getString("source"), rows.getString("position"),
                            RecordKind.valueOf(rows.getString("kind")), codec.decode(rows.getString("fields")));
                    letters.add(new DeadLetter(id, record, violations(rows.getString("violations")),
                            Jdbc.getInstant(rows, "rejected_at"), DeadLetter.State.valueOf(rows.getString("state")),
                            rows.getString("note")));
                } catch (IllegalArgumentException e) {
                    throw new StoreException("dead letter " + id + " cannot be read: " + e.getMessage(), e);
                }
            }
        }
        return letters;
    }

    private String violations(List<Violation> violations) {
        ArrayNode array = mapper.createArrayNode();
        violations.forEach(v -> array.addObject().put("field", v.field()).put("reason", v.reason()));
        return array.toString();
    }

    private List<Violation> violations(String json) {
        JsonNode array;
        try {
            array = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("violations are not valid JSON: " + e.getOriginalMessage(), e);
        }
        List<Violation> violations = new ArrayList<>();
        for (JsonNode v : array) {
            violations.add(new Violation(v.path("field").asText(), v.path("reason").asText()));
        }
        return violations;
    }

    private String fingerprint(InboundRecord record) {
        String canonical = record.kind().name() + "\n" + record.source() + "\n" + record.position() + "\n"
                + codec.canonical(record.fields());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
