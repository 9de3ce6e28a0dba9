package org.tailor.content.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file of the hostile corpus ({@code src/test/resources/hostile}): a template body that
 * starts with {@code ##} comment lines saying what it is and what Tailor must do with it.
 *
 * <pre>
 * ## Attack: what the template tries
 * ## Source: where the attack is published, or what kind of attack it is
 * ## Expect: problem|failure|output TEXT
 * ## Config: name=value          (optional, repeatable: renderer configuration)
 * ## Repeat: TOKEN COUNT 'TEXT'  (optional, repeatable: TOKEN is replaced by TEXT repeated COUNT times)
 * ## Control: plain Velocity runs this   (optional: the payload does run code without the sandbox)
 * </pre>
 *
 * <p>{@code problem}: the file is refused when it loads and {@code problems()} has a line for it
 * containing TEXT. {@code failure}: it loads, and rendering it fails with a message containing
 * TEXT. {@code output}: it renders, to exactly TEXT (the attack is inert). In the body,
 * {@code @MARKER_FILE@}, {@code @MARKER_PROPERTY@} and {@code @MARKER_CLASS@} name what a payload
 * would create, set or call if it ran code.
 */
record HostileTemplate(String name, String attack, String source, Expectation expect, Map<String, Object> config,
                       boolean control, String text, Charset charset) {

    static final String MARKER_PROPERTY = "tailor.hostile.marker";

    private static final Pattern HEADER = Pattern.compile("## (Attack|Source|Expect|Config|Repeat|Control): (.*)");
    private static final Pattern EXPECT = Pattern.compile("(problem|failure|output) (.+)");
    private static final Pattern REPEAT = Pattern.compile("(\\S+) (\\d+) '(.*)'");
    private static final Pattern CONFIG = Pattern.compile("([\\w.]+)=(.*)");

    enum Kind { PROBLEM, FAILURE, OUTPUT }

    record Expectation(Kind kind, String text) {
    }

    static HostileTemplate read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Files that are deliberately not UTF-8 are carried byte for byte through ISO-8859-1.
        Charset charset = isUtf8(bytes) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        String text = new String(bytes, charset);
        String attack = null;
        String source = null;
        Expectation expect = null;
        Map<String, Object> config = new LinkedHashMap<>();
        boolean control = false;
        String name = file.getFileName().toString().replaceFirst("\\.vm$", "");
        List<String> headers = text.lines().takeWhile(l -> l.startsWith("## ")).toList();
        // Repeats apply to the body only, not to the header lines that name their tokens.
        int bodyStart = headers.stream().mapToInt(l -> l.length() + 1).sum();
        String body = text.substring(Math.min(bodyStart, text.length()));
        for (String line : headers) {
            Matcher header = HEADER.matcher(line);
            if (!header.matches()) {
                throw new IllegalArgumentException(name + ": unknown header line " + line);
            }
            String value = header.group(2);
            switch (header.group(1)) {
                case "Attack" -> attack = value;
                case "Source" -> source = value;
                case "Control" -> control = true;
                case "Expect" -> {
                    Matcher m = matching(EXPECT, value, name);
                    expect = new Expectation(Kind.valueOf(m.group(1).toUpperCase()), m.group(2));
                }
                case "Config" -> {
                    Matcher m = matching(CONFIG, value, name);
                    config.put(m.group(1), m.group(2));
                }
                case "Repeat" -> {
                    Matcher m = matching(REPEAT, value, name);
                    body = body.replace(m.group(1), m.group(3).repeat(Integer.parseInt(m.group(2))));
                }
                default -> throw new IllegalStateException(header.group(1));
            }
        }
        if (attack == null || source == null || expect == null) {
            throw new IllegalArgumentException(name + ": needs Attack, Source and Expect header lines");
        }
        String expanded = text.substring(0, Math.min(bodyStart, text.length())) + body;
        return new HostileTemplate(name, attack, source, expect, Map.copyOf(config), control, expanded, charset);
    }

    /** The template as written to disk, payload markers pointing at this test's own markers. */
    byte[] bytes(Path markerFile) {
        return body(markerFile).getBytes(charset);
    }

    /** The template text with the markers filled in. */
    String body(Path markerFile) {
        return text.replace("@MARKER_FILE@", markerFile.toString())
                .replace("@MARKER_PROPERTY@", MARKER_PROPERTY)
                .replace("@MARKER_CLASS@", HostileMarker.class.getName());
    }

    @Override
    public String toString() {
        return name;
    }

    private static Matcher matching(Pattern pattern, String value, String name) {
        Matcher m = pattern.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException(name + ": malformed header value " + value);
        }
        return m;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
