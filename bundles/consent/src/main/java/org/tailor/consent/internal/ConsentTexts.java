package org.tailor.consent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tailor.api.model.ConsentRecord;

/**
 * The wording people see when asked for a purpose: {@code <folder>/<purpose>.txt}, whose first line
 * is {@code version: <v>}. Read when needed, so an edited file counts from the next request; the
 * ledger keeps the version and the SHA-256 of the whole file, so the exact text can be shown later.
 */
final class ConsentTexts {

    /** A purpose's text as the ledger records it. */
    record Text(String version, String hash, String body) {
        static final Text NONE = new Text("", "", "");
    }

    private static final String VERSION = "version:";

    private final Path folder;

    ConsentTexts(Path folder) {
        this.folder = folder;
    }

    static ConsentTexts of(String configured) {
        if (configured != null && !configured.isBlank()) {
            return new ConsentTexts(Path.of(configured.strip()));
        }
        String etc = System.getProperty("karaf.etc", "etc");
        return new ConsentTexts(Path.of(etc, "tailor", "consent"));
    }

    /** The purpose's current text, or {@link Text#NONE} if it has no file. */
    Text current(String purpose) {
        Path file = folder.resolve(purpose + ".txt");
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Text.NONE;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read consent text " + file + ": " + e.getMessage(), e);
        }
        int end = content.indexOf('\n');
        String first = (end < 0 ? content : content.substring(0, end)).strip();
        String version = first.startsWith(VERSION) ? first.substring(VERSION.length()).strip() : "";
        String body = first.startsWith(VERSION) ? (end < 0 ? "" : content.substring(end + 1)) : content;
        return new Text(version, ConsentRecord.textHash(content), body.strip());
    }
}
