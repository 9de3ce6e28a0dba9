package org.tailor.api.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything Tailor knows about one person apart from their events: the identities that
 * resolve to them and their attributes.
 *
 * <p>Immutable; the collections are unmodifiable copies. Attribute values are
 * {@link String}, {@link Number}, {@link Boolean}, {@link java.time.LocalDate} or
 * {@link Instant}; an absent attribute is simply missing from the map (never mapped to null).
 *
 * @param id Tailor's own id for the profile, never null
 * @param identities the person's identities, never null, may be empty only for a new anonymous profile
 * @param attributes named attribute values, never null
 * @param createdAt when the profile was first seen, never null
 * @param updatedAt when the profile last changed, never null
 */
public record Profile(String id, Set<Identity> identities, Map<String, Object> attributes,
                      Instant createdAt, Instant updatedAt) {

    public Profile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        identities = Collections.unmodifiableSet(new LinkedHashSet<>(identities));
        Map<String, Object> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "attribute name"),
                Objects.requireNonNull(v, () -> "value of attribute " + k)));
        attributes = Collections.unmodifiableMap(copy);
    }

    /** The value of the identity in the given namespace, if the profile has one. */
    public Optional<String> identity(String namespace) {
        return identities.stream().filter(i -> i.namespace().equals(namespace)).map(Identity::value).findFirst();
    }

    /** The profile's email address, if known. */
    public Optional<String> email() {
        return identity(Identity.EMAIL);
    }

    /** The value of an attribute, if present. */
    public Optional<Object> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }
}
