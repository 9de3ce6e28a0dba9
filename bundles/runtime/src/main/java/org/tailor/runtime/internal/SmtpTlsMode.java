package org.tailor.runtime.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the SMTP connection is protected, as named in the {@code tls.mode} setting. */
enum SmtpTlsMode {
    /** Plain text throughout; for a relay on the same host or a trusted network. */
    NONE("none", 25),
    /** STARTTLS when the server offers it, plain text when it does not. */
    STARTTLS("starttls", 25),
    /** STARTTLS or no connection at all. */
    REQUIRED_STARTTLS("required-starttls", 587),
    /** TLS from the first byte (implicit TLS, "SMTPS"). */
    SMTPS("smtps", 465);

    private final String configName;
    private final int defaultPort;

    SmtpTlsMode(String configName, int defaultPort) {
        this.configName = configName;
        this.defaultPort = defaultPort;
    }

    String configName() {
        return configName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /** True if every byte after the greeting (or from the start) is encrypted, so credentials may be sent. */
    boolean alwaysEncrypted() {
        return this == REQUIRED_STARTTLS || this == SMTPS;
    }

    /**
     * @throws IllegalArgumentException if the name is none of the modes
     */
    static SmtpTlsMode parse(String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(m -> m.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("tls.mode '" + name + "' is not one of "
                        + Arrays.stream(values()).map(SmtpTlsMode::configName).collect(Collectors.joining(", "))));
    }
}
