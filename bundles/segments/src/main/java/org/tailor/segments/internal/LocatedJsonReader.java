package org.tailor.segments.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tailor.segments.internal.LocatedJson.ArrayNode;
import org.tailor.segments.internal.LocatedJson.BooleanNode;
import org.tailor.segments.internal.LocatedJson.Member;
import org.tailor.segments.internal.LocatedJson.NullNode;
import org.tailor.segments.internal.LocatedJson.NumberNode;
import org.tailor.segments.internal.LocatedJson.ObjectNode;
import org.tailor.segments.internal.LocatedJson.Position;
import org.tailor.segments.internal.LocatedJson.StringNode;

/**
 * Reads JSON text into a {@link LocatedJson} tree with Jackson's streaming parser, which knows
 * the line and column of every token. Strict JSON: no comments, no trailing commas, no
 * trailing content, no duplicate keys. The text is parsed from characters, not bytes, so
 * columns count characters.
 */
final class LocatedJsonReader {

    /** Far deeper than any rule a person writes, and shallow enough that recursion stays cheap. */
    static final int MAX_DEPTH = 100;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private final String file;

    private LocatedJsonReader(String file) {
        this.file = file;
    }

    /**
     * Parses the text of {@code file}.
     *
     * @throws SegmentFileException for malformed JSON, at Jackson's line and column
     */
    static LocatedJson read(String file, String text) throws SegmentFileException {
        return new LocatedJsonReader(file).readDocument(text);
    }

    private LocatedJson readDocument(String text) throws SegmentFileException {
        JsonParser parser;
        try {
            parser = JSON.createParser(text);
        } catch (IOException e) {
            // Creating a parser over a String does no I/O; kept for the compiler.
            throw new SegmentFileException(file, new Position(1, 1), "cannot read: " + e.getMessage());
        }
        try (parser) {
            if (parser.nextToken() == null) {
                throw new SegmentFileException(file, new Position(1, 1), "the file is empty; expected a JSON object");
            }
            LocatedJson root = readValue(parser);
            if (parser.nextToken() != null) {
                throw new SegmentFileException(file, positionOf(parser.currentTokenLocation()),
                        "unexpected content after the end of the JSON document");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Constraint violations (nesting depth) carry no location; the parser knows where it is.
            JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentTokenLocation();
            throw new SegmentFileException(file, positionOf(where), "malformed JSON: " + tidy(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SegmentFileException(file, positionOf(parser.currentLocation()), "cannot read: " + e.getMessage());
        }
    }

    private LocatedJson readValue(JsonParser parser) throws IOException, SegmentFileException {
        Position position = positionOf(parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                return readObject(parser, position);
            case START_ARRAY:
                List<LocatedJson> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(parser));
                }
                return new ArrayNode(position, items);
            case VALUE_STRING:
                return new StringNode(position, parser.getText());
            case VALUE_NUMBER_INT:
                return new NumberNode(position, new BigDecimal(parser.getText()), true);
            case VALUE_NUMBER_FLOAT:
                return new NumberNode(position, new BigDecimal(parser.getText()), false);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new BooleanNode(position, token == JsonToken.VALUE_TRUE);
            case VALUE_NULL:
                return new NullNode(position);
            default:
                throw new SegmentFileException(file, position, "malformed JSON: unexpected " + token);
        }
    }

    private ObjectNode readObject(JsonParser parser, Position position) throws IOException, SegmentFileException {
        Map<String, Member> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Position keyPosition = positionOf(parser.currentTokenLocation());
            if (members.containsKey(key)) {
                throw new SegmentFileException(file, keyPosition, "duplicate key '" + key + "'");
            }
            parser.nextToken();
            members.put(key, new Member(key, keyPosition, readValue(parser)));
        }
        return new ObjectNode(position, members);
    }

    private static Position positionOf(JsonLocation location) {
        if (location == null) {
            return new Position(1, 1);
        }
        return new Position(Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /** Jackson's message on one line, in the words of the file rather than of Jackson's API. */
    private static String tidy(String message) {
        String text = String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
        if (text.contains("nesting depth")) {
            return "nested more than " + MAX_DEPTH + " levels deep";
        }
        return text.replaceAll("\\[Source: [^\\]]*?line: (\\d+), column: (\\d+)\\]", "$1:$2")
                .replace(" (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)", "; JSON has no comments")
                .strip();
    }
}
