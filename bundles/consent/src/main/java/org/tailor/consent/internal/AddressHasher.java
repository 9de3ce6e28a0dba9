package org.tailor.consent.internal;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The keyed hash the suppression list stores instead of an address. Keyed, so that someone who
 * reads the table cannot test addresses against it; normalized as ingest normalizes email
 * identities (trimmed, lower case) and in Unicode NFC, so that one mailbox has one hash.
 */
final class AddressHasher {

    private final Hmac hmac;

    AddressHasher(byte[] key) {
        this.hmac = new Hmac(key);
    }

    static String normalize(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("an address is needed");
        }
        return Normalizer.normalize(address.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    String hash(String address) {
        return HexFormat.of().formatHex(hmac.sign(normalize(address).getBytes(StandardCharsets.UTF_8)));
    }
}
