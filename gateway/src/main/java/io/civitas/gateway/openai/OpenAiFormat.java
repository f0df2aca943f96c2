package io.civitas.gateway.openai;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.civitas.api.inference.v1.Embedding;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.openai.EmbeddingRequest.EncodingFormat;

/** Writes the OpenAI wire format: errors, model lists, embeddings, and completions through {@link #chat()}. */
public final class OpenAiFormat {

    private final ObjectMapper mapper;
    private final ChatCompletionFormat chat;
    private final TextCompletionFormat text;

    public OpenAiFormat(ObjectMapper mapper) {
        this.mapper = mapper;
        this.chat = new ChatCompletionFormat(mapper);
        this.text = new TextCompletionFormat(mapper);
    }

    /** chat.completion and its chunks. */
    public ChatCompletionFormat chat() {
        return chat;
    }

    /** text_completion and its chunks. */
    public TextCompletionFormat text() {
        return text;
    }

    /** {"error": {...}} */
    public String error(ApiError error) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", error.type());
        body.put("param", error.param());
        body.put("code", error.code());
        return write(mapper, root);
    }

    /** A model list in OpenAI's list shape. */
    public String models(List<ModelInfo> models) {
        ObjectNode root = mapper.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        models.forEach(model -> data.addObject()
                .put("id", model.getId())
                .put("object", "model")
                .put("created", 0)
                .put("owned_by", model.getOwnedBy().isEmpty() ? "civitas" : model.getOwnedBy()));
        return write(mapper, root);
    }

    /** An embedding list; base64 vectors are little-endian float32, as OpenAI writes them. */
    public String embeddings(String model, List<Embedding> embeddings, EncodingFormat encoding, int promptTokens) {
        ObjectNode root = mapper.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < embeddings.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            List<Float> values = embeddings.get(i).getValuesList();
            if (encoding == EncodingFormat.BASE64) {
                item.put("embedding", base64(values));
            } else {
                values.forEach(item.putArray("embedding")::add);
            }
        }
        root.put("model", model);
        root.putObject("usage").put("prompt_tokens", promptTokens).put("total_tokens", promptTokens);
        return write(mapper, root);
    }

    static String base64(List<Float> values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(bytes::putFloat);
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static JsonNode usage(ObjectMapper mapper, Usage usage) {
        return mapper.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens());
    }

    static String write(ObjectMapper mapper, JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }
}
