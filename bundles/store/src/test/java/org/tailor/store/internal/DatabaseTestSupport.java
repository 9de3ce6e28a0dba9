package org.tailor.store.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * A fresh database per test, of the dialect the parameterized subclass runs with (an H2 file in a
 * temporary folder, or a new schema in the local PostgreSQL), dropped afterwards.
 */
abstract class DatabaseTestSupport {

    @Parameter
    Dialect dialect;

    @TempDir
    Path dir;

    TestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = TestDatabase.create(dialect, dir);
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }
}
