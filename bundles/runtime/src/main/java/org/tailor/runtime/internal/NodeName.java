package org.tailor.runtime.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names this JVM among the nodes that share one outbox, for leases and for whoever reads them. */
final class NodeName {

    private static final String CURRENT = host() + "/" + ProcessHandle.current().pid();

    private NodeName() {
    }

    static String current() {
        return CURRENT;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
