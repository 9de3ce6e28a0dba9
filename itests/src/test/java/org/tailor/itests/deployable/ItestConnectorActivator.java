package org.tailor.itests.deployable;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.tailor.api.connector.Connector;

/** Registers {@link ItestConnector} for as long as its bundle is started. */
public class ItestConnectorActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(Connector.class, new ItestConnector(), null);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service when the bundle stops.
    }
}
