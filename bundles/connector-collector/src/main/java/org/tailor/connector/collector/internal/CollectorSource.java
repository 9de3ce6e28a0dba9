package org.tailor.connector.collector.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One configured source. A factory configuration per source; each instance is a service the
 * collector binds, so sources can be added, rekeyed and removed while it runs.
 */
@Component(service = CollectorSource.class, configurationPid = CollectorSource.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CollectorSourceConfig.class, factory = true)
public final class CollectorSource {

    static final String PID = "org.tailor.connector.collector.source";

    private final Source source;

    @Activate
    public CollectorSource(CollectorSourceConfig config) {
        String name = config.name().trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a collector source needs a name");
        }
        this.source = new Source(name, config.write_key());
    }

    Source source() {
        return source;
    }
}
