package org.tailor.store.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.store.ScoreStore;

/**
 * Scores in table {@code profile_scores}, one row per profile and name.
 *
 * <p>Numbers are kept with at most {@value #MAX_SCALE} decimals (more are rounded half-even) and
 * read back with the scale they were given in, so {@code 4.50} stays {@code 4.50}.
 */
@Component(service = ScoreStore.class)
public final class JdbcScoreStore implements ScoreStore {

    static final int MAX_SCALE = 10;
    static final Pattern NAME = Pattern.compile("[a-z0-9_.]{1,128}");
    static final int MAX_TEXT = 1024;
    /** Profiles per look-up statement. */
    private static final int CHUNK = 500;

    private static final String COLUMNS = "profile_id, name, number_value, number_scale, text_value, computed_at";

    private final JdbcStore db;
    private final Dialect dialect;
    private final String upsert;

    @Activate
    public JdbcScoreStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
        this.upsert = dialect.upsert("profile_scores", "profile_id, name", COLUMNS, "?, ?, ?, ?, ?, ?");
    }

    @Override
    public void replace(String name, Map<String, Object> valuesByProfile, Instant computedAt) {
        checkName(name);
        Objects.requireNonNull(valuesByProfile, "valuesByProfile");
        Objects.requireNonNull(computedAt, "computedAt");
        valuesByProfile.forEach((profileId, value) -> checkValue(name, value));
        db.inTransaction("replace score " + name, c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM profile_scores WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            String insert = "INSERT INTO profile_scores (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)";
            write(c, insert, name, valuesByProfile, computedAt);
            return null;
        });
    }

    @Override
    public void putAll(Map<String, Map<String, Object>> scoresByProfile, Instant computedAt) {
        Objects.requireNonNull(scoresByProfile, "scoresByProfile");
        Objects.requireNonNull(computedAt, "computedAt");
        scoresByProfile.forEach((profileId, scores) -> scores.forEach((name, value) -> {
            checkName(name);
            checkValue(name, value);
        }));
        // One statement per score name, batched over the profiles, rather than one per value.
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        scoresByProfile.forEach((profileId, scores) -> scores.forEach((name, value) ->
                byName.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(profileId, value)));
        db.inTransaction("store scores of " + scoresByProfile.size() + " profiles", c -> {
            for (Map.Entry<String, Map<String, Object>> score : byName.entrySet()) {
                write(c, upsert, score.getKey(), score.getValue(), computedAt);
            }
            return null;
        });
    }

    private void write(Connection c, String sql, String name, Map<String, Object> values, Instant computedAt)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            int pending = 0;
            for (Map.Entry<String, Object> entry : values.entrySet()) {
                statement.setString(1, Objects.requireNonNull(entry.getKey(), "profile id"));
                statement.setString(2, name);
                if (entry.getValue() instanceof BigDecimal number) {
                    BigDecimal kept = number.scale() > MAX_SCALE ? number.setScale(MAX_SCALE, RoundingMode.HALF_EVEN) : number;
                    statement.setBigDecimal(3, kept);
                    statement.setInt(4, Math.max(0, kept.scale()));
                    statement.setNull(5, java.sql.Types.VARCHAR);
                } else {
                    statement.setNull(3, java.sql.Types.NUMERIC);
                    statement.setNull(4, java.sql.Types.INTEGER);
                    statement.setString(5, (String) entry.getValue());
                }
                dialect.setInstant(statement, 6, computedAt);
                statement.addBatch();
                if (++pending == CHUNK) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }

    @Override
    public Map<String, Object> scoresOf(String profileId) {
        Objects.requireNonNull(profileId, "profileId");
        return scoresOf(List.of(profileId)).getOrDefault(profileId, Map.of());
    }

    @Override
    public Map<String, Map<String, Object>> scoresOf(Collection<String> profileIds) {
        Objects.requireNonNull(profileIds, "profileIds");
        List<String> ids = List.copyOf(new LinkedHashSet<>(profileIds));
        Map<String, Map<String, Object>> scores = new HashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            db.withConnection("read scores of " + chunk.size() + " profiles", c -> {
                try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM profile_scores WHERE profile_id IN (" + marks + ") ORDER BY profile_id, name")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            scores.computeIfAbsent(rows.getString("profile_id"), id -> new LinkedHashMap<>())
                                    .put(rows.getString("name"), value(rows));
                        }
                    }
                }
                return null;
            });
        }
        return scores;
    }

    @Override
    public long forEach(String name, BiConsumer<String, Object> visitor) {
        checkName(name);
        Objects.requireNonNull(visitor, "visitor");
        return db.inTransaction("read score " + name, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM profile_scores WHERE name = ? ORDER BY profile_id")) {
                // With auto-commit off, PostgreSQL streams rows in pages of this size instead of all at once.
                select.setFetchSize(CHUNK);
                select.setString(1, name);
                long visited = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        visitor.accept(rows.getString("profile_id"), value(rows));
                        visited++;
                    }
                }
                return visited;
            }
        });
    }

    private static Object value(ResultSet rows) throws SQLException {
        BigDecimal number = rows.getBigDecimal("number_value");
        if (number == null) {
            return rows.getString("text_value");
        }
        return number.setScale(rows.getInt("number_scale"), RoundingMode.UNNECESSARY);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a score name is 1-128 of a-z, 0-9, '_' and '.': " + name);
        }
    }

    private static void checkValue(String name, Object value) {
        if (value instanceof String text) {
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("score " + name + " is longer than " + MAX_TEXT + " characters");
            }
        } else if (!(value instanceof BigDecimal)) {
            throw new IllegalArgumentException("score " + name + " must be a BigDecimal or a String: " + value);
        }
    }
}
