package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.model.Event;
import org.tailor.api.store.EventStore;
import org.tailor.api.store.StoreException;

/** Events in table {@code events}. */
@Component(service = EventStore.class)
public final class JdbcEventStore implements EventStore {

    /**
     * Earlier bounds mean "all time": they include no event anyone records, and Instant.MIN
     * itself cannot even be converted to a SQL timestamp.
     */
    private static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");
    /** Rows per round trip when streaming every event. */
    private static final int STREAM_FETCH = 5_000;
    private static final String COLUMNS = "SELECT id, profile_id, type, occurred_at, properties, source FROM events";

    private final JdbcStore db;
    private final Dialect dialect;
    private final String insertSql;
    private final AttributeCodec codec = new AttributeCodec();

    @Activate
    public JdbcEventStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
        this.insertSql = "INSERT INTO events (id, profile_id, origin_profile_id, type, occurred_at, properties, source)"
                + " VALUES (?, ?, ?, ?, ?, " + dialect.jsonParameter() + ", ?)";
    }

    /**
     * The primary key, not a racy look-up first, decides what is a duplicate. An event addressed to
     * a profile absorbed by a merge is stored with the survivor, remembering the id it was
     * addressed to so that an unmerge gives it back.
     */
    @Override
    public boolean append(Event event) {
        Objects.requireNonNull(event, "event");
        String properties = codec.encode(event.properties());
        return db.inTransaction("append event " + event.id(), c -> {
            String owner = Survivors.lockedRoot(c, dialect, event.profileId());
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew(insertSql))) {
                bind(insert, event, owner, properties);
                return Jdbc.insertIfNew(insert);
            }
        });
    }

    /**
     * One transaction: each distinct profile id is resolved (and locked) once, the inserts go as
     * one batch where the database allows it. Duplicates within the collection keep the first.
     */
    @Override
    public int appendAll(Collection<Event> events) {
        return appendNew(events).size();
    }

    @Override
    public List<Event> appendNew(Collection<Event> events) {
        Objects.requireNonNull(events, "events");
        Map<String, Event> unique = new LinkedHashMap<>();
        Map<String, String> properties = new HashMap<>();
        for (Event event : events) {
            if (unique.putIfAbsent(event.id(), event) == null) {
                properties.put(event.id(), codec.encode(event.properties()));
            }
        }
        if (unique.isEmpty()) {
            return List.of();
        }
        return db.inTransaction("append " + unique.size() + " events", c -> {
            Map<String, String> owners = Survivors.lockedRoots(c, dialect,
                    unique.values().stream().map(Event::profileId).toList());
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew(insertSql))) {
                List<Event> inserted = Jdbc.insertedOf(insert, dialect, unique.values(),
                        (statement, event) -> bind(statement, event, owners.get(event.profileId()),
                                properties.get(event.id())));
                return inserted.stream().map(event -> withProfile(event, owners.get(event.profileId()))).toList();
            }
        });
    }

    /** The event as stored: with the profile that holds it now, which a merge may have changed. */
    private static Event withProfile(Event event, String owner) {
        return owner.equals(event.profileId()) ? event
                : new Event(event.id(), owner, event.type(), event.occurredAt(), event.properties(), event.source());
    }

    /** A null or pre-0001 {@code since} means all of the profile's events. Ties keep id order. */
    @Override
    public List<Event> eventsOf(String profileId, Instant since) {
        Objects.requireNonNull(profileId, "profileId");
        boolean bounded = since != null && !since.isBefore(BEGINNING);
        return db.withConnection("read events of profile " + profileId, c -> {
            String sql = COLUMNS + " WHERE profile_id = ?" + (bounded ? " AND occurred_at >= ?" : "")
                    + " ORDER BY occurred_at, id";
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, profileId);
                if (bounded) {
                    dialect.setInstant(statement, 2, since);
                }
                return events(statement);
            }
        });
    }

    /**
     * One query in a read transaction; PostgreSQL streams it in pages of the fetch size rather than
     * all at once, H2 spills a large result to disk. The connection is held while visiting.
     */
    @Override
    public long forEachSince(Instant since, Consumer<Event> visitor) {
        Objects.requireNonNull(visitor, "visitor");
        boolean bounded = since != null && !since.isBefore(BEGINNING);
        return db.inTransaction("read events since " + since, c -> {
            try (PreparedStatement statement = c.prepareStatement(COLUMNS + (bounded ? " WHERE occurred_at >= ?" : ""))) {
                statement.setFetchSize(STREAM_FETCH);
                if (bounded) {
                    dialect.setInstant(statement, 1, since);
                }
                long visited = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        visitor.accept(event(rows));
                        visited++;
                    }
                }
                return visited;
            }
        });
    }

    @Override
    public long count() {
        return db.withConnection("count events", c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM events")) {
                return Jdbc.count(statement);
            }
        });
    }

    private void bind(PreparedStatement insert, Event event, String owner, String properties) throws SQLException {
        insert.setString(1, event.id());
        insert.setString(2, owner);
        insert.setString(3, event.profileId());
        insert.setString(4, event.type());
        dialect.setInstant(insert, 5, event.occurredAt());
        insert.setString(6, properties);
        insert.setString(7, event.source());
    }

    private List<Event> events(PreparedStatement statement) throws SQLException {
        List<Event> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(event(rows));
            }
        }
        return events;
    }

    private Event event(ResultSet rows) throws SQLException {
        String id = rows.getString("id");
        return new Event(id, rows.getString("profile_id"), rows.getString("type"), Jdbc.getInstant(rows, "occurred_at"),
                decode(id, rows.getString("properties")), rows.getString("source"));
    }

    private Map<String, Object> decode(String eventId, String json) {
        try {
            return codec.decode(json);
        } catch (IllegalArgumentException e) {
            throw new StoreException("properties of event " + eventId + " cannot be read: " + e.getMessage(), e);
        }
    }
}
