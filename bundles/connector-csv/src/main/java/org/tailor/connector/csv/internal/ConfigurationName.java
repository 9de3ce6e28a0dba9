package org.tailor.connector.csv.internal;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of one hot folder configuration: {@code shop} for {@code etc/org.tailor.connector.csv-shop.cfg}.
 * Taken from the {@code name} property if set, otherwise from the configuration's PID
 * ({@code org.tailor.connector.csv~shop}, as Configuration Admin 1.6 names factory configurations),
 * otherwise from the file Karaf's file install read it from.
 */
final class ConfigurationName {

    static final String FACTORY_PID = "org.tailor.connector.csv";
    static final String DEFAULT = "default";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final String FILE_INSTALL_PROPERTY = "felix.fileinstall.filename";

    private ConfigurationName() {
    }

    /**
     * @throws IllegalArgumentException if no name can be found or it is not a usable one
     */
    static String of(String configured, Map<String, ?> properties) {
        String name = Optional.ofNullable(configured).map(String::trim).filter(s -> !s.isEmpty())
                .or(() -> fromPid(String.valueOf(properties.get("service.pid"))))
                .or(() -> fromFileName(String.valueOf(properties.get(FILE_INSTALL_PROPERTY))))
                .orElseThrow(() -> new IllegalArgumentException("the configuration has no name: create it as etc/"
                        + FACTORY_PID + "-<name>.cfg or set the property name"));
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("the configuration name \"" + name + "\" is not usable as part of a"
                    + " connector name: use up to 40 lower-case letters, digits, - and _, starting with a letter or digit");
        }
        return name;
    }

    private static Optional<String> fromPid(String pid) {
        int tilde = pid.indexOf('~');
        return pid.startsWith(FACTORY_PID + "~") ? Optional.of(pid.substring(tilde + 1)) : Optional.empty();
    }

    private static Optional<String> fromFileName(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String file = fileName.substring(slash + 1);
        String prefix = FACTORY_PID + "-";
        if (file.startsWith(prefix) && file.endsWith(".cfg") && file.length() > prefix.length() + 4) {
            return Optional.of(file.substring(prefix.length(), file.length() - 4));
        }
        return Optional.empty();
    }
}
