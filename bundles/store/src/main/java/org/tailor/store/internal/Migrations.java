package org.tailor.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tailor.api.store.StoreException;

/**
 * Brings the schema up to date with SQL scripts shipped in the bundle, recording each in
 * {@code tailor_schema_version}.
 *
 * <p>The scripts are listed explicitly rather than found by scanning: a bundle's class loader
 * can load a named resource but cannot list a folder portably.
 */
final class Migrations {

    /**
     * Every script, oldest first; each dialect has its own copy of each under
     * {@link Dialect#migrationFolder()}, so that a version means the same schema on every database.
     * A script that has been released is never edited: add a new one.
     */
    static final List<String> BUNDLED = List.of(
            "V1__profiles_events.sql",
            "V2__consent_outbox.sql",
            "V3__orders_merges_dead_letters.sql",
            "V4__scores_membership.sql",
            "V5__consent_proof_suppression_audit.sql",
            "V6__trigger_timers.sql",
            "V7__outbox_leases.sql");

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    record Migration(int version, String description, String resource, String sql, String checksum) {
    }

    private final List<Migration> migrations;

    Migrations(ClassLoader loader, List<String> resources) {
        List<Migration> loaded = new ArrayList<>();
        for (String resource : resources) {
            Migration migration = load(loader, resource);
            if (!loaded.isEmpty() && loaded.get(loaded.size() - 1).version() >= migration.version()) {
                throw new IllegalArgumentException("migration " + resource + " is listed out of version order");
            }
            loaded.add(migration);
        }
        this.migrations = List.copyOf(loaded);
    }

    /** The scripts, oldest first. */
    List<Migration> migrations() {
        return migrations;
    }

    static Migrations bundled(Dialect dialect) {
        return new Migrations(Migrations.class.getClassLoader(), bundledResources(dialect, BUNDLED.size()));
    }

    /** The first {@code count} bundled scripts of the dialect (fewer than all: an older bundle's view). */
    static List<String> bundledResources(Dialect dialect, int count) {
        return BUNDLED.subList(0, count).stream().map(name -> dialect.migrationFolder() + name).toList();
    }

    /**
     * Applies the migrations not yet recorded, each in its own transaction, after checking that
     * the recorded ones are still the scripts this bundle ships.
     *
     * @return the schema version now in force
     * @throws StoreException if the recorded history does not match the scripts, or a script fails
     */
    int migrate(Connection connection, Dialect dialect) throws SQLException {
        dialect.lockMigrations(connection);
        try {
            createHistoryTable(connection, dialect);
            NavigableMap<Integer, String> applied = appliedChecksums(connection);
            verify(applied);
            int current = applied.isEmpty() ? 0 : applied.lastKey();
            for (Migration migration : migrations) {
                if (migration.version() > current) {
                    apply(connection, dialect, migration);
                    current = migration.version();
                }
            }
            return current;
        } finally {
            dialect.unlockMigrations(connection);
        }
    }

    private static void createHistoryTable(Connection connection, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS tailor_schema_version ("
                    + " version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL,"
                    + " checksum VARCHAR(64) NOT NULL,"
                    + " applied_at " + dialect.timestampType() + " NOT NULL)");
        }
    }

    private static NavigableMap<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        NavigableMap<Integer, String> applied = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version, checksum FROM tailor_schema_version")) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private void verify(NavigableMap<Integer, String> applied) {
        int newestKnown = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        int newestApplied = applied.isEmpty() ? 0 : applied.lastKey();
        if (newestApplied > newestKnown) {
            throw new StoreException("the database schema is at version " + newestApplied
                    + " but this Tailor store bundle only knows versions up to " + newestKnown
                    + ": the database was used by a newer Tailor; install that version again");
        }
        for (Migration migration : migrations) {
            String checksum = applied.get(migration.version());
            if (checksum == null && migration.version() < newestApplied) {
                throw new StoreException("schema migration " + migration.resource() + " was never applied although "
                        + "version " + newestApplied + " was; the database history is inconsistent");
            }
            if (checksum != null && !checksum.equals(migration.checksum())) {
                throw new StoreException("schema migration " + migration.resource() + " (version "
                        + migration.version() + ") has changed since it was applied to this database: recorded checksum "
                        + checksum + ", bundled " + migration.checksum()
                        + "; released migrations must not be edited, add a new one instead");
            }
        }
    }

    private static void apply(Connection connection, Dialect dialect, Migration migration) throws SQLException {
        List<String> statements = statements(migration.sql());
        // H2 commits on DDL, so on H2 the transaction only guarantees that the version row is
        // written after every statement succeeded; the scripts are idempotent for a re-run.
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (int i = 0; i < statements.size(); i++) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(statements.get(i));
                } catch (SQLException e) {
                    throw new StoreException("schema migration " + migration.resource() + " failed at statement "
                            + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tailor_schema_version"
                    + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, migration.checksum());
                dialect.setInstant(insert, 4, Instant.now());
                insert.executeUpdate();
            }
            connection.commit();
            LOG.info("Applied schema migration {} ({})", migration.version(), migration.description());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Splits a script at semicolons that end a line; whole-line {@code --} comments are dropped. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                statements.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(trimmed).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static Migration load(ClassLoader loader, String resource) {
        String fileName = resource.substring(resource.lastIndexOf('/') + 1);
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalArgumentException("migration " + resource + " is not named V<version>__<description>.sql");
        }
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("migration " + resource + " is missing from the bundle");
        }
        String sql;
        try (InputStream in = url.openStream()) {
            // Line endings are normalized so that a checkout with CRLF does not look like an edit.
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
        return new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), resource, sql,
                sha256(sql));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
