package io.civitas.gateway.openai;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.gateway.error.ApiError;

/** Writes the OpenAI wire format: completions, stream chunks, model lists and errors. */
public final class OpenAiFormat {

    private final ObjectMapper mapper;

    public OpenAiFormat(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The id of a completion: "chatcmpl-" and the request id. */
    public static String completionId(String requestId) {
        return "chatcmpl-" + requestId;
    }

    /** A whole chat.completion. */
    public String completion(CompletionHeader header, String text, String finishReason, Usage usage) {
        ObjectNode root = base(header, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usage(usage));
        return write(root);
    }

    /** The first chunk: the assistant role with empty content. */
    public String roleChunk(CompletionHeader header) {
        ObjectNode delta = mapper.createObjectNode().put("role", "assistant").put("content", "");
        return chunk(header, delta, null);
    }

    /** A chunk with generated text. */
    public String textChunk(CompletionHeader header, String text) {
        return chunk(header, mapper.createObjectNode().put("content", text), null);
    }

    /** The chunk that carries the finish reason, with an empty delta. */
    public String finishChunk(CompletionHeader header, String finishReason) {
        return chunk(header, mapper.createObjectNode(), finishReason);
    }

    /** The usage chunk sent before [DONE] when stream_options.include_usage is true. */
    public String usageChunk(CompletionHeader header, Usage usage) {
        ObjectNode root = base(header, "chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage(usage));
        return write(root);
    }

    /** {"error": {...}} */
    public String error(ApiError error) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.message());
        body.put("type", error.type());
        body.put("param", error.param());
        body.put("code", error.code());
        return write(root);
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
        return write(root);
    }

    private String chunk(CompletionHeader header, ObjectNode delta, String finishReason) {
        ObjectNode root = base(header, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return write(root);
    }

    private ObjectNode base(CompletionHeader header, String object) {
        return mapper.createObjectNode()
                .put("id", completionId(header.requestId()))
                .put("object", object)
                .put("created", header.createdEpochSecond())
                .put("model", header.model());
    }

    private JsonNode usage(Usage usage) {
        return mapper.createObjectNode()
                .put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.totalTokens());
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }
}
