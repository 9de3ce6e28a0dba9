package org.tailor.benchmarks.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The template files under {@code templates/} on the class path, for engines that take text. */
public final class EmailTemplates {

    /** The email as Tailor's content bundle (and plain Velocity) reads it. */
    public static final String VELOCITY = "templates/email.html.vm";

    private EmailTemplates() {
    }

    public static String text(String resource) {
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
