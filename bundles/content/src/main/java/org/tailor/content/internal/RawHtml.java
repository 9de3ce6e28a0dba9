package org.tailor.content.internal;

/** Markup the template author declared trusted with {@code $raw.name}; inserted as is. */
public final class RawHtml {

    private final String markup;

    RawHtml(String markup) {
        this.markup = markup;
    }

    @Override
    public String toString() {
        return markup;
    }
}
