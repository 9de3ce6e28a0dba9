package org.tailor.store.internal;

import java.nio.file.Path;
import java.util.Map;
import org.osgi.util.converter.Converters;

/** Opens the store the way DS does: configuration from a map, annotation defaults for the rest. */
final class TestDatabase {

    private TestDatabase() {
    }

    static String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("tailor").toAbsolutePath() + JdbcStore.EMBEDDED_OPTIONS;
    }

    static JdbcStoreConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(properties).to(JdbcStoreConfig.class);
    }

    static JdbcStore open(Path dir) {
        return new JdbcStore(config(Map.of("jdbc.url", url(dir))));
    }
}
