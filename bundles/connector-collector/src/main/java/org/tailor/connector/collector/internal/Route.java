package org.tailor.connector.collector.internal;

import java.util.Optional;

/**
 * What a request path asks for, below the collector's base path. Real clients differ: the
 * server-side libraries post to {@code /v1/<call>} and analytics-java to {@code /v1/import/}
 * (trailing slash included); analytics.js posts single calls to {@code /v1/<first letter>} and
 * batches to {@code /v1/b}. The {@code /v1} prefix may be left out, for clients configured with a
 * host that already ends in it.
 *
 * @param call the single call the path names, or empty for a batch
 */
record Route(Optional<CallType> call) {

    static final Route BATCH = new Route(Optional.empty());

    boolean isBatch() {
        return call.isEmpty();
    }

    /** The route for a path such as {@code /v1/track}, or empty if the path names no call. */
    static Optional<Route> of(String pathInfo) {
        if (pathInfo == null) {
            return Optional.empty();
        }
        String path = pathInfo;
        while (path.endsWith("/") && path.length() > 1) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.startsWith("/v1/")) {
            path = path.substring(3);
        }
        if (path.length() < 2 || path.charAt(0) != '/' || path.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        String name = path.substring(1);
        if (name.equals("batch") || name.equals("import") || name.equals("b")) {
            return Optional.of(BATCH);
        }
        for (CallType type : CallType.values()) {
            if (name.equals(type.wireName()) || name.equals(type.shortPath())) {
                return Optional.of(new Route(Optional.of(type)));
            }
        }
        return Optional.empty();
    }
}
