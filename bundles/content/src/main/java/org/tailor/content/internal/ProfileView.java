package org.tailor.content.internal;

import java.util.Map;
import java.util.function.Consumer;
import org.tailor.api.model.Profile;

/**
 * What a template sees as {@code $profile}: attributes by name ({@code $profile.first_name}),
 * plus {@code $profile.id} and {@code $profile.email}. Read-only and detached from the
 * {@link Profile} record, whose other methods a template must not reach.
 *
 * <p>A blank string attribute reads as missing, so that a default
 * ({@code $profile.get("first_name", "there")} or {@code ${profile.first_name|'there'}}) applies
 * to it too, and a bare {@code $profile.first_name} fails the render for it as for a missing one.
 * Public only because Velocity introspects public classes.
 */
public final class ProfileView {

    private final String id;
    private final String email;
    private final Map<String, Object> attributes;
    /** Told the name of each field that used its default; null when nobody asks. */
    private final Consumer<String> onDefault;

    ProfileView(Profile profile, String recipient) {
        this(profile, recipient, null);
    }

    ProfileView(Profile profile, String recipient, Consumer<String> onDefault) {
        this.onDefault = onDefault;
        this.id = profile.id();
        this.email = profile.email().orElse(recipient);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) TemplateValues.readOnly(profile.attributes());
        this.attributes = values;
    }

    /** An attribute by name, {@code id} or {@code email}; null when the profile does not have it. */
    public Object get(String name) {
        switch (name) {
            case "id":
                return id;
            case "email":
                return email;
            default:
                Object value = attributes.get(name);
                return value instanceof String text && text.isBlank() ? null : value;
        }
    }

    /** The merge field with its default: {@code $profile.get("first_name", "there")}. */
    public Object get(String name, Object fallback) {
        Object value = get(name);
        if (value == null && onDefault != null) {
            onDefault.accept(name);
        }
        return value != null ? value : fallback;
    }

    public String getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    @Override
    public String toString() {
        return id;
    }
}
