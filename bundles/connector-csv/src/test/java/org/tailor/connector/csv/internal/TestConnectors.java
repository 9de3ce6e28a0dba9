package org.tailor.connector.csv.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.osgi.util.converter.Converters;

/** Builds connectors the way Declarative Services would, from configuration properties with annotation defaults. */
final class TestConnectors {

    private TestConnectors() {
    }

    static CsvHotFolderConnectorConfig config(Map<String, ?> properties) {
        return Converters.standardConverter().convert(properties).to(CsvHotFolderConnectorConfig.class);
    }

    /** The properties of configuration {@code org.tailor.connector.csv~<name>} on the given inbox, settling at once. */
    static Map<String, Object> properties(String name, Path inbox, Map<String, ?> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", ConfigurationName.FACTORY_PID + "~" + name);
        properties.put("service.factoryPid", ConfigurationName.FACTORY_PID);
        if (inbox != null) {
            properties.put("directory", inbox.toString());
        }
        properties.put("settle.ms", 0);
        properties.putAll(overrides);
        return properties;
    }

    static CsvHotFolderConnector create(Map<String, ?> properties, InboxDirectories directories, Clock clock) {
        return new CsvHotFolderConnector(config(properties), properties, directories, clock);
    }

    static CsvHotFolderConnector create(Path inbox, Map<String, ?> overrides) {
        return create(properties("default", inbox, overrides), new InboxDirectories(), Clock.systemUTC());
    }
}
