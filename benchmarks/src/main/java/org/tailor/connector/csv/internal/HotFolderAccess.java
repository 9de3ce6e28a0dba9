package org.tailor.connector.csv.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.osgi.util.converter.Converters;
import org.tailor.api.connector.Connector;

/** Builds the real hot-folder connector outside OSGi, as Declarative Services would, for the benchmarks. */
public final class HotFolderAccess {

    private HotFolderAccess() {
    }

    /** The default hot folder on the given inbox, importing files as soon as they are there. */
    public static Connector connector(Path inbox) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", ConfigurationName.FACTORY_PID + "~bench");
        properties.put("service.factoryPid", ConfigurationName.FACTORY_PID);
        properties.put("directory", inbox.toString());
        properties.put("settle.ms", 0);
        CsvHotFolderConnectorConfig config = Converters.standardConverter().convert(properties).to(CsvHotFolderConnectorConfig.class);
        return new CsvHotFolderConnector(config, properties, new InboxDirectories(), Clock.systemUTC());
    }
}
