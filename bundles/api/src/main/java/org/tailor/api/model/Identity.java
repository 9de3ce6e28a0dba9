package org.tailor.api.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One identifier of a person in one namespace, for example {@code email:ann@example.com} or
 * {@code customer_id:C00042}. Two profiles that share an identity are the same person.
 *
 * <p>Immutable. The namespace is lower case; the value is stored as given by ingest, which
 * normalizes it first (email addresses are lower-cased there).
 *
 * @param namespace the kind of identifier, never null or blank
 * @param value the identifier, never null or blank
 */
public record Identity(String namespace, String value) {

    /** The namespace of email addresses. */
    public static final String EMAIL = "email";
    /** The namespace of the customer ids that shops and CRMs assign. */
    public static final String CUSTOMER_ID = "customer_id";

    /**
     * The namespace of ids a browser or app gives a visitor before they are known (Segment's
     * {@code anonymousId}). A profile holding only such ids is anonymous; it joins the known
     * profile when an identify or alias call links the two.
     */
    public static final String ANONYMOUS_ID = "anonymous_id";

    public Identity {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(value, "value");
        if (namespace.isBlank() || value.isBlank()) {
            throw new IllegalArgumentException("identity namespace and value must not be blank");
        }
        namespace = namespace.toLowerCase(Locale.ROOT);
    }

    /**
     * Parses the {@code namespace:value} form used on the console.
     *
     * @throws IllegalArgumentException if there is no colon or either part is blank
     */
    public static Identity parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected namespace:value, got '" + text + "'");
        }
        return new Identity(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return namespace + ":" + value;
    }
}
