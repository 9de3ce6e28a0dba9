package org.tailor.consent.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 under one key. Thread safe: each call uses its own {@link Mac}. */
final class Hmac {

    static final String ALGORITHM = "HmacSHA256";
    /** The key length generated and required: the hash's own output size. */
    static final int KEY_BYTES = 32;

    private final SecretKeySpec key;

    Hmac(byte[] key) {
        if (key.length < KEY_BYTES) {
            throw new IllegalArgumentException("an HMAC key needs at least " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    byte[] sign(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the HMAC key was refused", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "Hmac[" + ALGORITHM + "]";
    }
}
