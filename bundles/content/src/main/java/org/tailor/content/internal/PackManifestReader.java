package org.tailor.content.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code pack.json} strictly (no duplicate keys, no unknown keys) and names the line,
 * column and JSON path of the first problem.
 */
final class PackManifestReader {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Comparator<PackManifest.Variant> TRIED_FIRST =
            Comparator.comparingInt(PackManifest.Variant::priority).reversed();

    private final String file;
    private final JsonParser parser;

    private PackManifestReader(String file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** @throws TemplateSyntaxException naming file, line, column, JSON path and reason */
    static PackManifest read(String file, String text) throws TemplateSyntaxException {
        try (JsonParser parser = JSON.createParser(text)) {
            PackManifestReader reader = new PackManifestReader(file, parser);
            PackManifest manifest = reader.manifest();
            if (parser.nextToken() != null) {
                throw reader.problem("$", "unexpected text after the manifest");
            }
            return manifest;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new TemplateSyntaxException(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new TemplateSyntaxException(file, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    private PackManifest manifest() throws IOException, TemplateSyntaxException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "$", "the manifest must be a JSON object");
        String purpose = PackManifest.MARKETING;
        Map<String, String> style = Map.of();
        Map<String, String> images = Map.of();
        Map<String, Map<String, Integer>> experiments = Map.of();
        List<PackManifest.Slot> slots = List.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            switch (key) {
                case "purpose" -> purpose = text("purpose");
                case "style" -> style = strings("style", false);
                case "images" -> images = strings("images", true);
                case "experiments" -> experiments = experiments();
                case "slots" -> slots = slots();
                default -> throw problem(key, "unknown key; expected purpose, style, images, experiments or slots");
            }
        }
        validateArms(slots, experiments);
        return new PackManifest(purpose, style, images, experiments, slots);
    }

    private Map<String, String> strings(String path, boolean urls) throws IOException, TemplateSyntaxException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, path, "must be an object of names to text");
        Map<String, String> values = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name(path);
            parser.nextToken();
            String value = text(path + "." + name);
            if (urls) {
                requireImageUrl(path + "." + name, value);
            }
            values.put(name, value);
        }
        return Map.copyOf(values);
    }

    private void requireImageUrl(String path, String value) throws TemplateSyntaxException {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!Set.of("https", "http").contains(scheme) || uri.getHost() == null) {
                throw problem(path, "an image must be an absolute http(s) URL; mail clients cannot load anything else");
            }
        } catch (URISyntaxException e) {
            throw problem(path, "not a URL: " + e.getReason());
        }
    }

    private Map<String, Map<String, Integer>> experiments() throws IOException, TemplateSyntaxException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "experiments", "must be an object of experiment names to arms");
        Map<String, Map<String, Integer>> experiments = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name("experiments");
            String path = "experiments." + name;
            expect(parser.nextToken(), JsonToken.START_OBJECT, path, "must be an object of arm names to weights, e.g. {\"A\": 50, \"B\": 50}");
            Map<String, Integer> arms = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String arm = parser.currentName();
                if (arm.isBlank() || arm.length() > 64) {
                    throw problem(path, "an arm name must be 1 to 64 characters");
                }
                parser.nextToken();
                int weight = integer(path + "." + arm);
                if (weight < 0 || weight > 1_000_000) {
                    throw problem(path + "." + arm, "a weight must be from 0 to 1000000");
                }
                arms.put(arm, weight);
            }
            if (arms.size() < 2 || arms.values().stream().mapToLong(Integer::longValue).sum() == 0) {
                throw problem(path, "an experiment needs at least two arms and a weight above 0");
            }
            experiments.put(name, java.util.Collections.unmodifiableMap(arms));
        }
        return java.util.Collections.unmodifiableMap(experiments);
    }

    private List<PackManifest.Slot> slots() throws IOException, TemplateSyntaxException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "slots", "must be an object of slot names to slots");
        List<PackManifest.Slot> slots = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = name("slots");
            PackManifest.Where where = where("slots." + name);
            expect(parser.nextToken(), JsonToken.START_OBJECT, where.path(), "must be an object with variants and default");
            List<PackManifest.Variant> variants = new ArrayList<>();
            Optional<String> defaultBlock = Optional.empty();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                switch (key) {
                    case "variants" -> variants = variants(where.path() + ".variants");
                    case "default" -> defaultBlock = Optional.of(blockName(where.path() + ".default"));
                    default -> throw problem(where.path() + "." + key, "unknown key; expected variants or default");
                }
            }
            List<PackManifest.Variant> ordered = new ArrayList<>(variants);
            ordered.sort(TRIED_FIRST); // stable: equal priorities keep the listed order
            slots.add(new PackManifest.Slot(name, List.copyOf(ordered), defaultBlock, where));
        }
        return List.copyOf(slots);
    }

    private List<PackManifest.Variant> variants(String path) throws IOException, TemplateSyntaxException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, path, "must be a list of variants");
        List<PackManifest.Variant> variants = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            PackManifest.Where where = where(path + "[" + variants.size() + "]");
            String id = null;
            String when = null;
            String experiment = null;
            String arm = null;
            Integer priority = null;
            String block = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                String at = where.path() + "." + key;
                switch (key) {
                    case "id" -> id = name(at, text(at));
                    case "when" -> when = text(at);
                    case "experiment" -> experiment = text(at);
                    case "arm" -> arm = text(at);
                    case "priority" -> priority = integer(at);
                    case "block" -> block = blockName(at);
                    default -> throw problem(at, "unknown key; expected id, when, experiment, arm, priority or block");
                }
            }
            if (id == null || block == null) {
                throw located(where, "a variant needs an id and a block");
            }
            if (!ids.add(id)) {
                throw located(where, "variant id '" + id + "' is used twice in this slot");
            }
            if ((experiment == null) != (arm == null)) {
                throw located(where, "experiment and arm go together");
            }
            variants.add(new PackManifest.Variant(id, Optional.ofNullable(when).map(String::strip),
                    experiment == null ? Optional.empty() : Optional.of(new PackManifest.Arm(experiment, arm)),
                    priority == null ? 0 : priority, block, where));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, path, "must be a list of variant objects");
        return variants;
    }

    private void validateArms(List<PackManifest.Slot> slots, Map<String, Map<String, Integer>> experiments)
            throws TemplateSyntaxException {
        for (PackManifest.Slot slot : slots) {
            for (PackManifest.Variant variant : slot.variants()) {
                if (variant.experiment().isEmpty()) {
                    continue;
                }
                PackManifest.Arm arm = variant.experiment().get();
                Map<String, Integer> arms = experiments.get(arm.experiment());
                if (arms == null) {
                    throw located(variant.where(), "experiment '" + arm.experiment() + "' is not declared under experiments");
                }
                if (!arms.containsKey(arm.arm())) {
                    throw located(variant.where(), "experiment '" + arm.experiment() + "' has no arm '" + arm.arm()
                            + "'; its arms: " + arms.keySet());
                }
            }
        }
    }

    private TemplateSyntaxException located(PackManifest.Where where, String reason) {
        return new TemplateSyntaxException(where.file(), where.line(), where.column(), where.path() + ": " + reason);
    }

    private String blockName(String path) throws IOException, TemplateSyntaxException {
        String name = text(path);
        if (!Pattern.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}", name)) {
            throw problem(path, "a block name is letters, digits, '.', '_' or '-' and starts with a letter or digit");
        }
        return name;
    }

    private String name(String path) throws IOException, TemplateSyntaxException {
        return name(path, parser.currentName());
    }

    private String name(String path, String name) throws TemplateSyntaxException {
        if (!NAME.matcher(name).matches()) {
            throw problem(path, "'" + name + "' is not a valid name: 1 to 64 of a-z, 0-9, '_' or '-', starting with a letter");
        }
        return name;
    }

    private String text(String path) throws IOException, TemplateSyntaxException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw problem(path, "must be text");
        }
        return parser.getText();
    }

    private int integer(String path) throws IOException, TemplateSyntaxException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw problem(path, "must be a whole number");
        }
        return parser.getIntValue();
    }

    private void expect(JsonToken actual, JsonToken wanted, String path, String reason) throws TemplateSyntaxException {
        if (actual != wanted) {
            throw problem(path, reason);
        }
    }

    private PackManifest.Where where(String path) {
        JsonLocation at = parser.currentTokenLocation();
        return new PackManifest.Where(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()), path);
    }

    private TemplateSyntaxException problem(String path, String reason) {
        return located(where(path), reason);
    }
}
