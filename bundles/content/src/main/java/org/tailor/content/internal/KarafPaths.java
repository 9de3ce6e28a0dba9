package org.tailor.content.internal;

import java.nio.file.Path;

/** Resolves configured directories against Karaf's {@code karaf.etc} and {@code karaf.data}. */
final class KarafPaths {

    private KarafPaths() {
    }

    /** The configured path, or {@code relative} under {@code ${karaf.etc}} (or {@code etc/}) when blank. */
    static Path underEtc(String configured, String relative) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = System.getProperty("karaf.etc");
        return Path.of(base == null || base.isBlank() ? "etc" : base).resolve(relative);
    }

    /** The configured path, or {@code relative} under {@code ${karaf.data}} (or {@code data/}) when blank. */
    static Path underData(String configured, String relative) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String base = System.getProperty("karaf.data");
        return Path.of(base == null || base.isBlank() ? "data" : base).resolve(relative);
    }
}
