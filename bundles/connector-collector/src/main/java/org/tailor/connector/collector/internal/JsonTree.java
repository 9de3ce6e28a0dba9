package org.tailor.connector.collector.internal;

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

/**
 * Reads a request body into plain Java values: objects become {@code LinkedHashMap}s, arrays
 * {@code ArrayList}s, integers {@code Long} (or {@code BigDecimal} when they do not fit), other
 * numbers {@code BigDecimal}, and {@code null} stays null. Streaming is used rather than a data
 * binder so that the byte size of each element of a top-level {@code batch} array is known: the
 * spec limits single calls inside a batch too.
 */
final class JsonTree {

    /** The body parsed, with the encoded size of each element of its {@code batch} array (empty otherwise). */
    record Parsed(Object root, List<Integer> batchElementBytes) {
    }

    /** The body is not JSON; the message names the line and column. */
    static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Deep nesting is never useful in tracking calls and costs stack; 64 leaves room for real traits.
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    private JsonTree() {
    }

    static Parsed parse(byte[] body) throws MalformedJsonException {
        List<Integer> batchSizes = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new MalformedJsonException("the body is empty; send one JSON object");
            }
            Object root = first == JsonToken.START_OBJECT ? readRootObject(parser, batchSizes) : readValue(parser);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedJsonException("unexpected content after the JSON value " + at(parser.currentTokenLocation()));
            }
            return new Parsed(root, List.copyOf(batchSizes));
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(describe(e));
        } catch (IOException e) {
            // Parsing a byte array does no I/O; anything here is still a problem with the content.
            throw new MalformedJsonException("unreadable JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> readRootObject(JsonParser parser, List<Integer> batchSizes) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if ("batch".equals(name) && token == JsonToken.START_ARRAY) {
                batchSizes.clear();
                List<Object> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    elements.add(readValue(parser));
                    long end = parser.currentLocation().getByteOffset();
                    batchSizes.add((int) Math.max(0, end - start));
                }
                object.put(name, elements);
            } else {
                object.put(name, readValue(parser));
            }
        }
        return object;
    }

    private static Object readValue(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, readValue(parser));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new com.fasterxml.jackson.core.JsonParseException(parser, "unexpected " + token);
        }
    }

    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        // Jackson's messages quote a long excerpt of the input; keep only the first sentence.
        int cut = message.indexOf('\n');
        if (cut > 0) {
            message = message.substring(0, cut);
        }
        return message + " " + at(e.getLocation());
    }

    private static String at(JsonLocation location) {
        if (location == null) {
            return "";
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr()
                + " (byte " + location.getByteOffset() + ")";
    }
}
