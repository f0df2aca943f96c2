package io.civitas.audit.verifier.bundle;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Canonical JSON: keys sorted, no whitespace, absent values omitted, UTF-8. For the values bundles carry (strings,
 * integers below 2^53, booleans, arrays and objects of them) this is the RFC 8785 serialisation.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private static final LineParser LINE_PARSER = new LineParser(MAPPER);

    private Json() {
    }

    /** The canonical UTF-8 bytes of a value. */
    public static byte[] canonical(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    /** Parses one bundle line; throws IllegalArgumentException when it is not a JSON object of the bundle format. */
    public static BundleLine line(byte[] bytes, int length) {
        try {
            return LINE_PARSER.parse(bytes, length);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("line is not a bundle record: " + firstLine(e.getMessage()), e);
        }
    }

    /** Reads a value of the given type from JSON. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
