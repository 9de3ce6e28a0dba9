package org.tailor.runtime.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document read into values that remember where they were written, so that a definition
 * file's errors can name the line and column of the value at fault.
 */
final class LocatedJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A definition file that cannot be used; the message is the whole one-line report. */
    static final class InvalidFile extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidFile(Path file, int line, int column, String reason) {
            super(file + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + reason);
        }

        InvalidFile(Path file, Node at, String reason) {
            this(file, at.line(), at.column(), reason);
        }
    }

    /**
     * One value: a String, a Number, a Boolean, null, an object (a {@code Map<String, Node>} in
     * file order) or an array (a {@code List<Node>}).
     */
    record Node(Object value, int line, int column) {

        @SuppressWarnings("unchecked")
        Map<String, Node> fields() {
            return value instanceof Map<?, ?> map ? (Map<String, Node>) map : Map.of();
        }

        @SuppressWarnings("unchecked")
        List<Node> elements() {
            return value instanceof List<?> list ? (List<Node>) list : List.of();
        }

        boolean isObject() {
            return value instanceof Map;
        }

        /** How the value reads in an error message. */
        String describe() {
            if (value == null) {
                return "null";
            } else if (value instanceof String s) {
                return "\"" + s + "\"";
            } else if (value instanceof Map) {
                return "an object";
            } else if (value instanceof List) {
                return "an array";
            }
            return String.valueOf(value);
        }
    }

    private LocatedJson() {
    }

    /** Reads the file's single JSON value. */
    static Node read(Path file) throws InvalidFile {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InvalidFile(file, 1, 1, "the file is empty");
            }
            Node root = value(file, parser, first);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidFile(file, at.getLineNr(), at.getColumnNr(), "unexpected content after the JSON value");
            }
            return root;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidFile(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFile(file, 1, 1, "cannot read: " + e);
        }
    }

    private static Node value(Path file, JsonParser parser, JsonToken token) throws IOException, InvalidFile {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonLocation nameAt = parser.currentTokenLocation();
                    if (fields.containsKey(name)) {
                        throw new InvalidFile(file, nameAt.getLineNr(), nameAt.getColumnNr(), "field '" + name + "' appears twice");
                    }
                    fields.put(name, value(file, parser, parser.nextToken()));
                }
                yield new Node(Collections.unmodifiableMap(fields), line, column);
            }
            case START_ARRAY -> {
                List<Node> elements = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    elements.add(value(file, parser, next));
                }
                yield new Node(Collections.unmodifiableList(elements), line, column);
            }
            case VALUE_STRING -> new Node(parser.getText(), line, column);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Node(parser.getNumberValue(), line, column);
            case VALUE_TRUE -> new Node(Boolean.TRUE, line, column);
            case VALUE_FALSE -> new Node(Boolean.FALSE, line, column);
            case VALUE_NULL -> new Node(null, line, column);
            default -> throw new InvalidFile(file, line, column, "unexpected " + token);
        };
    }
}
