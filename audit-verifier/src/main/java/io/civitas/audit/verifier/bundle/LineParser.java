package io.civitas.audit.verifier.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.audit.verifier.checkpoint.Checkpoint;

/**
 * Reads one bundle line with Jackson's streaming parser: the top-level fields a verifier needs, skipping the rest
 * (an entry's event and payload) without building objects, which is what makes verification fast.
 */
final class LineParser {

    private final ObjectMapper mapper;
    private final JsonFactory factory;

    LineParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    BundleLine parse(byte[] bytes, int length) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser parser = factory.createParser(bytes, 0, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "checkpoint" -> fields.put(name, mapper.readValue(parser, Checkpoint.class));
                    case "proof" -> fields.put(name, strings(parser));
                    default -> fields.put(name, scalar(parser, value));
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON object");
            }
        }
        return new BundleLine(text(fields, "record"), text(fields, "format"), text(fields, "exportId"),
                text(fields, "from"), text(fields, "to"), text(fields, "tenantId"), text(fields, "createdAt"),
                number(fields, "treeSize"), text(fields, "keyId"), text(fields, "algorithm"),
                text(fields, "publicKey"), (Checkpoint) fields.get("checkpoint"), text(fields, "signature"),
                number(fields, "fromSize"), number(fields, "toSize"), strings(fields), number(fields, "start"),
                level(fields), text(fields, "hash"), number(fields, "seq"), text(fields, "occurredAt"),
                number(fields, "entries"), number(fields, "nodes"), text(fields, "bundleHash"));
    }

    private static Object scalar(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getLongValue();
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield Boolean.TRUE;
            }
            default -> Boolean.TRUE;
        };
    }

    private static List<String> strings(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("proof is not an array");
        }
        List<String> values = new ArrayList<>();
        while (parser.nextToken() == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new IOException("proof holds something else than strings");
        }
        return values;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return (String) value;
    }

    private static Long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value != null && !(value instanceof Long)) {
            throw new IllegalArgumentException(name + " is not an integer");
        }
        return (Long) value;
    }

    private static Integer level(Map<String, Object> fields) {
        Long level = number(fields, "level");
        return level == null ? null : Math.toIntExact(level);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> fields) {
        return (List<String>) fields.get("proof");
    }
}
