package org.tailor.content.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.velocity.Template;

/** Reads and parses the files of one pack, turning every failure into one problem line. */
final class PackFiles {

    static final long MAX_FILE_BYTES = 1_000_000L;

    private final SandboxedVelocity velocity;
    private final List<String> problems;

    PackFiles(SandboxedVelocity velocity, List<String> problems) {
        this.velocity = velocity;
        this.problems = problems;
    }

    /** The file's text, or empty when an optional file is absent or the file has a problem (recorded). */
    Optional<String> text(Path path, String file, boolean required) {
        try {
            if (!required && !Files.exists(path)) {
                return Optional.empty();
            }
            if (Files.size(path) > MAX_FILE_BYTES) {
                problems.add(file + ":1:1: the file is larger than " + MAX_FILE_BYTES + " bytes");
                return Optional.empty();
            }
            String text = Files.readString(path);
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            problems.add(file + ":1:1: the file is not UTF-8 text");
        } catch (NoSuchFileException e) {
            problems.add(file + ":1:1: required file is missing");
        } catch (IOException e) {
            problems.add(file + ":1:1: cannot read the file: " + e);
        }
        return Optional.empty();
    }

    /** A parsed file and the text it came from, which {@link PartCompiler} reads positions in. */
    record Parsed(String file, Template template, String source) {
    }

    /** The parsed template, or empty when absent (optional) or broken (recorded). */
    Optional<Parsed> template(Path path, String file, boolean required) {
        Optional<String> source = text(path, file, required);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(file, velocity.compile(file, source.get()), source.get()));
        } catch (TemplateSyntaxException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }
}
