package org.tailor.runtime.internal;

import java.nio.file.Path;

/** Resolves configured directories against Karaf's {@code karaf.etc} and {@code karaf.data}. */
final class KarafPaths {

    private KarafPaths() {
    }

    /** The configured path, or {@code relative} under {@code ${karaf.etc}} (or {@code etc/}) when blank. */
    static Path underEtc(String configured, String relative) {
        return resolve(configured, "karaf.etc", "etc", relative);
    }

    /** The configured path, or {@code relative} under {@code ${karaf.data}} (or {@code data/}) when blank. */
    static Path underData(String configured, String relative) {
        return resolve(configured, "karaf.data", "data", relative);
    }

    private static Path resolve(String configured, String property, String fallback, String relative) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = System.getProperty(property);
        return Path.of(base == null || base.isBlank() ? fallback : base).resolve(relative);
    }
}
