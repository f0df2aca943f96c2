package io.civitas.gateway.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;
import io.civitas.gateway.openai.EmbeddingRequest.EncodingFormat;

/** Reads and validates an OpenAI embeddings request body; each problem names its parameter. */
public final class EmbeddingRequestParser {

    /** Most input strings in one request (OpenAI's limit). */
    public static final int MAX_INPUTS = 2048;

    private final ObjectMapper mapper;

    public EmbeddingRequestParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EmbeddingRequest parse(byte[] body) {
        JsonNode root = RequestFields.object(mapper, body);
        String model = RequestFields.requiredText(root, "model");
        List<String> inputs = inputs(root.get("input"));
        if (RequestFields.present(root.get("dimensions"))) {
            throw new InvalidRequestException("dimensions", "'dimensions' is not supported.");
        }
        return new EmbeddingRequest(model, inputs, encodingFormat(root.get("encoding_format")));
    }

    private static List<String> inputs(JsonNode node) {
        if (!RequestFields.present(node)) {
            throw new InvalidRequestException("input", "You must provide an 'input' parameter.");
        }
        if (node.isTextual()) {
            return nonEmpty(List.of(node.asText()));
        }
        if (!node.isArray() || node.isEmpty() || node.size() > MAX_INPUTS) {
            throw new InvalidRequestException("input",
                    "'input' must be a string or an array of 1 to " + MAX_INPUTS + " strings.");
        }
        List<String> inputs = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new InvalidRequestException("input",
                        "Each input must be a string; token arrays are not supported.");
            }
            inputs.add(item.asText());
        }
        return nonEmpty(inputs);
    }

    private static List<String> nonEmpty(List<String> inputs) {
        if (inputs.stream().anyMatch(String::isEmpty)) {
            throw new InvalidRequestException("input", "Inputs must be non-empty strings.");
        }
        return inputs;
    }

    private static EncodingFormat encodingFormat(JsonNode node) {
        if (!RequestFields.present(node)) {
            return EncodingFormat.FLOAT;
        }
        String value = node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : "";
        return switch (value) {
            case "float" -> EncodingFormat.FLOAT;
            case "base64" -> EncodingFormat.BASE64;
            default -> throw new InvalidRequestException("encoding_format",
                    "'encoding_format' must be 'float' or 'base64'.");
        };
    }
}
