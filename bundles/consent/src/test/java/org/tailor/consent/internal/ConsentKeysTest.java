package org.tailor.consent.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Base64;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.converter.Converters;

class ConsentKeysTest {

    private final AtomicReference<Dictionary<String, Object>> written = new AtomicReference<>();

    @Test
    void missingKeysAreGeneratedIntoTheConfigurationAndKeptOutOfToString() throws Exception {
        Hashtable<String, Object> existing = new Hashtable<>(Map.of("purposes", "email_marketing"));
        ConsentKeys keys = new ConsentKeys(config(Map.of()), configurationAdmin(existing));

        Dictionary<String, Object> saved = written.get();
        assertThat(saved.get("purposes")).as("other properties are kept").isEqualTo("email_marketing");
        byte[] suppression = Base64.getDecoder().decode((String) saved.get(ConsentKeys.SUPPRESSION_KEY));
        byte[] token = Base64.getDecoder().decode((String) saved.get(ConsentKeys.TOKEN_KEY));
        assertThat(suppression).hasSize(32).isNotEqualTo(token);
        assertThat(keys.toString()).doesNotContain((String) saved.get(ConsentKeys.TOKEN_KEY));

        // Next start: the configuration holds the keys, nothing is written, the hashes are the same.
        written.set(null);
        ConsentKeys again = new ConsentKeys(config(Map.of(ConsentKeys.SUPPRESSION_KEY, saved.get(ConsentKeys.SUPPRESSION_KEY),
                ConsentKeys.TOKEN_KEY, saved.get(ConsentKeys.TOKEN_KEY))), configurationAdmin(new Hashtable<>()));
        assertThat(written.get()).isNull();
        assertThat(again.addressHasher().hash("a@example.com")).isEqualTo(keys.addressHasher().hash("a@example.com"));
    }

    @Test
    void anUnusableKeyIsAnErrorNotReplaced() {
        assertThatThrownBy(() -> new ConsentKeys(config(Map.of(ConsentKeys.TOKEN_KEY, "not base64!")), configurationAdmin(new Hashtable<>())))
                .hasMessageContaining("token.key").hasMessageContaining("not Base64");
        String shortKey = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(() -> new ConsentKeys(config(Map.of(ConsentKeys.SUPPRESSION_KEY, shortKey)), configurationAdmin(new Hashtable<>())))
                .hasMessageContaining("holds 8 bytes");
        assertThat(written.get()).isNull();
    }

    private static ConsentKeysConfig config(Map<String, Object> properties) {
        return Converters.standardConverter().convert(new HashMap<>(properties)).to(ConsentKeysConfig.class);
    }

    /** ConfigurationAdmin as far as the keys use it: one configuration whose update is recorded. */
    private ConfigurationAdmin configurationAdmin(Hashtable<String, Object> properties) {
        Configuration configuration = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperties" -> new Hashtable<>(properties);
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> update = (Dictionary<String, Object>) args[0];
                        written.set(update);
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConfiguration") && ConsentKeys.PID.equals(args[0])) {
                        return configuration;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
