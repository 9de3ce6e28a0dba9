package org.tailor.connector.jdbc.internal;

import java.util.HashMap;
import java.util.Map;
import org.osgi.util.converter.Converters;

/** Builds the configuration the way SCR does, so that the annotation's defaults apply. */
final class Configs {

    private Configs() {
    }

    static JdbcConnectorConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(new HashMap<>(properties)).to(JdbcConnectorConfig.class);
    }
}
