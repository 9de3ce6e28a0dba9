package org.tailor.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tailor.api.model.Campaign;

/**
 * Reads one campaign file. Streams the JSON rather than binding it so that every error can
 * point at the line and column of the value at fault.
 */
final class CampaignFileParser {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final List<String> REQUIRED = List.of("id", "name", "segment", "template", "purpose", "from");
    static final List<String> KNOWN = List.of("id", "name", "segment", "template", "purpose", "from", "version");

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A campaign file that cannot be used; the message is the whole one-line report. */
    static final class InvalidCampaignFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidCampaignFile(Path file, int line, int column, String reason) {
            super(file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + reason);
        }
    }

    private record Located(Object value, int line, int column) {
    }

    private CampaignFileParser() {
    }

    static CampaignDefinition parse(Path file) throws InvalidCampaignFile {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            return parse(file, parser);
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidCampaignFile(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidCampaignFile(file, 1, 1, "cannot read: " + e);
        }
    }

    private static CampaignDefinition parse(Path file, JsonParser parser) throws IOException, InvalidCampaignFile {
        JsonToken first = parser.nextToken();
        JsonLocation start = parser.currentTokenLocation();
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidCampaignFile(file, start.getLineNr(), start.getColumnNr(),
                    "expected a JSON object with the fields " + KNOWN);
        }
        Map<String, Located> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation nameAt = parser.currentTokenLocation();
            if (!KNOWN.contains(name)) {
                throw new InvalidCampaignFile(file, nameAt.getLineNr(), nameAt.getColumnNr(),
                        "unknown field '" + name + "'; known fields are " + KNOWN);
            }
            if (fields.containsKey(name)) {
                throw new InvalidCampaignFile(file, nameAt.getLineNr(), nameAt.getColumnNr(),
                        "field '" + name + "' appears twice");
            }
            JsonToken token = parser.nextToken();
            JsonLocation at = parser.currentTokenLocation();
            Object value = switch (token) {
                case VALUE_STRING -> parser.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getNumberValue();
                default -> {
                    parser.skipChildren();
                    yield token;
                }
            };
            fields.put(name, new Located(value, at.getLineNr(), at.getColumnNr()));
        }
        if (parser.nextToken() != null) {
            JsonLocation at = parser.currentTokenLocation();
            throw new InvalidCampaignFile(file, at.getLineNr(), at.getColumnNr(), "unexpected content after the campaign object");
        }
        for (String name : REQUIRED) {
            if (!fields.containsKey(name)) {
                throw new InvalidCampaignFile(file, start.getLineNr(), start.getColumnNr(),
                        "field '" + name + "': missing (required: " + REQUIRED + ")");
            }
        }
        String id = text(file, fields, "id");
        if (!ID.matcher(id).matches()) {
            throw error(file, fields.get("id"), "id", "'" + id + "' is not a valid id (lower-case letters, digits and '-', "
                    + "starting with a letter or digit, at most 64 characters)");
        }
        String from = text(file, fields, "from");
        try {
            new InternetAddress(from, true).validate();
        } catch (AddressException e) {
            throw error(file, fields.get("from"), "from", "not a valid RFC 5322 address: " + e.getMessage());
        }
        Campaign campaign = new Campaign(id, text(file, fields, "name"), text(file, fields, "segment"),
                text(file, fields, "template"), text(file, fields, "purpose"), from);
        return new CampaignDefinition(campaign, version(file, fields.get("version")), file.toString());
    }

    private static String text(Path file, Map<String, Located> fields, String name) throws InvalidCampaignFile {
        Located field = fields.get(name);
        if (!(field.value() instanceof String s)) {
            throw error(file, field, name, "must be a string");
        }
        if (s.isBlank()) {
            throw error(file, field, name, "must not be blank");
        }
        return s.strip();
    }

    private static int version(Path file, Located field) throws InvalidCampaignFile {
        if (field == null) {
            return 1;
        }
        if (field.value() instanceof Integer i && i >= 1) {
            return i;
        }
        throw error(file, field, "version", "must be a positive integer, got " + describe(field.value()));
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : value instanceof JsonToken t ? t.asString() == null ? t.name() : t.asString() : String.valueOf(value);
    }

    private static InvalidCampaignFile error(Path file, Located field, String name, String reason) {
        return new InvalidCampaignFile(file, field.line(), field.column(), "field '" + name + "': " + reason);
    }
}
