package org.tailor.consent.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two secret keys of the consent service: one for the suppression list's hashes, one for
 * signed links. They are separate because they age differently: a signing key can be replaced
 * (old links stop working), a suppression key cannot (old hashes would stop matching).
 *
 * <p>There is no built-in key, which would let anyone forge links for every installation. A key
 * missing from the configuration is generated at first start and written into it, so that it
 * survives restarts and can be backed up and copied to other nodes with the rest of {@code etc/}.
 * Keys are never logged, and their property names start with a dot: Declarative Services does not
 * copy such private properties into the service properties that every bundle can read.
 */
@Component(service = ConsentKeys.class, configurationPid = ConsentKeys.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConsentKeysConfig.class)
public final class ConsentKeys {

    /**
     * A configuration of their own, required to exist (the distribution ships it, blank): the keys
     * are then read from the file, never generated before the file has been read, and writing
     * them touches no other component's configuration.
     */
    static final String PID = "org.tailor.consent.keys";
    static final String SUPPRESSION_KEY = ".suppression.key";
    static final String TOKEN_KEY = ".token.key";

    private static final Logger LOG = LoggerFactory.getLogger(ConsentKeys.class);
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private final byte[] suppressionKey;
    private final byte[] tokenKey;

    @Activate
    public ConsentKeys(ConsentKeysConfig config, @Reference ConfigurationAdmin configurations) throws IOException {
        byte[] suppression = decode(SUPPRESSION_KEY, config._suppression_key());
        byte[] token = decode(TOKEN_KEY, config._token_key());
        if (suppression == null || token == null) {
            Configuration configuration = configurations.getConfiguration(PID, "?");
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties == null) {
                properties = new Hashtable<>();
            }
            if (suppression == null) {
                suppression = generate();
                properties.put(SUPPRESSION_KEY, ENCODER.encodeToString(suppression));
                LOG.info("Generated a new suppression key into configuration {} (property {})", PID, SUPPRESSION_KEY);
            }
            if (token == null) {
                token = generate();
                properties.put(TOKEN_KEY, ENCODER.encodeToString(token));
                LOG.info("Generated a new link signing key into configuration {} (property {})", PID, TOKEN_KEY);
            }
            configuration.update(properties);
        }
        this.suppressionKey = suppression;
        this.tokenKey = token;
    }

    /**
     * The configuration changed, most often because the keys generated at activation were written
     * into it. Keys in use stay as they are: replacing one at run time would void links just sent
     * or unmatch suppressions; a deliberate change takes effect at the next start.
     */
    @Modified
    void modified() {
        LOG.debug("Configuration {} changed; the keys in use stay until the next start", PID);
    }

    ConsentKeys(byte[] suppressionKey, byte[] tokenKey) {
        this.suppressionKey = suppressionKey.clone();
        this.tokenKey = tokenKey.clone();
    }

    static byte[] generate() {
        byte[] key = new byte[Hmac.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Null when blank, so that a new key is made; an unusable key is an error, never replaced silently. */
    static byte[] decode(String property, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = DECODER.decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " in " + PID + " is not Base64", e);
        }
        if (key.length < Hmac.KEY_BYTES) {
            throw new IllegalArgumentException(property + " in " + PID + " holds " + key.length
                    + " bytes; at least " + Hmac.KEY_BYTES + " are needed");
        }
        return key;
    }

    AddressHasher addressHasher() {
        return new AddressHasher(suppressionKey);
    }

    Hmac tokenSigner() {
        return new Hmac(tokenKey);
    }

    @Override
    public String toString() {
        return "ConsentKeys[not shown]";
    }
}
