package org.tailor.store.internal;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Objects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.tailor.api.store.UsedTokenStore;

/** Spent token ids in table {@code used_tokens}; the primary key is what refuses a second spend. */
@Component(service = UsedTokenStore.class)
public final class JdbcUsedTokenStore implements UsedTokenStore {

    private final JdbcStore db;
    private final Dialect dialect;

    @Activate
    public JdbcUsedTokenStore(@Reference JdbcStore db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    @Override
    public boolean spend(String tokenId, String kind, Instant usedAt, Instant expiresAt) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(kind, "kind");
        return db.withConnection("spend token " + tokenId, c -> {
            try (PreparedStatement insert = c.prepareStatement(dialect.insertIfNew(
                    "INSERT INTO used_tokens (token_id, kind, used_at, expires_at) VALUES (?, ?, ?, ?)"))) {
                insert.setString(1, tokenId);
                insert.setString(2, kind);
                dialect.setInstant(insert, 3, usedAt);
                dialect.setInstant(insert, 4, expiresAt);
                return Jdbc.insertIfNew(insert);
            }
        });
    }

    @Override
    public boolean spent(String tokenId) {
        return db.withConnection("look up token " + tokenId, c -> {
            try (PreparedStatement statement = c.prepareStatement("SELECT COUNT(*) FROM used_tokens WHERE token_id = ?")) {
                statement.setString(1, tokenId);
                return Jdbc.count(statement) > 0;
            }
        });
    }

    @Override
    public int forgetExpired(Instant now) {
        return db.withConnection("forget expired tokens", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM used_tokens WHERE expires_at < ?")) {
                dialect.setInstant(delete, 1, now);
                return delete.executeUpdate();
            }
        });
    }
}
