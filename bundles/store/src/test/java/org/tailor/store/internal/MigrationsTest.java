package org.tailor.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationsTest {

    @Test
    void scriptsSplitAtSemicolonsEndingALine() {
        assertThat(Migrations.statements("-- a comment; not a statement\nCREATE TABLE a (\n  x INT\n);\n\n"
                + "CREATE INDEX i ON a (x);\nINSERT INTO a VALUES (1)"))
                .containsExactly("CREATE TABLE a (\nx INT\n)", "CREATE INDEX i ON a (x)", "INSERT INTO a VALUES (1)");
    }

    /**
     * Existing H2 installs recorded these checksums: the released scripts must stay byte for byte
     * what they were (they moved into db/migration/h2/ without a change).
     */
    @Test
    void releasedH2ScriptsAreUnchanged() {
        List<Migrations.Migration> h2 = migrations(Dialect.H2);
        assertThat(h2.get(0).checksum()).isEqualTo("05b4b803c8a28d7c76a504e053abdaf39a2b0df0cf498a93830fd0833f83cd6c");
        assertThat(h2.get(1).checksum()).isEqualTo("c32b37c4dea4c5092cb0f246bde2baf5a3c2ca8fce07e8148e9d04bc82ebe61c");
    }

    @Test
    void everyDialectHasTheSameVersionsAndDescriptions() {
        List<String> h2 = migrations(Dialect.H2).stream().map(m -> m.version() + " " + m.description()).toList();
        List<String> postgresql = migrations(Dialect.POSTGRESQL).stream()
                .map(m -> m.version() + " " + m.description()).toList();
        assertThat(postgresql).isEqualTo(h2).hasSize(Migrations.BUNDLED.size());
    }

    private static List<Migrations.Migration> migrations(Dialect dialect) {
        return Migrations.bundled(dialect).migrations();
    }
}
