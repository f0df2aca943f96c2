package io.civitas.worker.upstream;

import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.civitas.worker.engine.ChatMessage;
import io.civitas.worker.engine.GenerationRequest;
import io.civitas.worker.engine.InvalidRequestException;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;

/**
 * The body of an OpenAI-compatible streaming request: {@code /v1/chat/completions} for a chat,
 * {@code /v1/completions} for a prompt. The worker sets model, stream, stream_options and cache_salt itself; tools,
 * tool_choice, response_format and tool-call turns are passed through as JSON values under their own keys only.
 *
 * @param path the endpoint path
 * @param body the JSON body
 */
record UpstreamRequest(String path, ObjectNode body) {

    static final String CHAT_PATH = "/v1/chat/completions";
    static final String COMPLETIONS_PATH = "/v1/completions";

    /** The request for {@code request} to the upstream's {@code model}, salted with {@code cacheSalt}. */
    static UpstreamRequest of(ObjectMapper json, GenerationRequest request, String model, String cacheSalt) {
        ObjectNode body = json.createObjectNode().put("model", model);
        String path = switch (request.input()) {
            case PromptInput.Text text -> {
                body.put("prompt", text.text());
                yield COMPLETIONS_PATH;
            }
            case PromptInput.Chat chat -> {
                chat(json, chat, body);
                yield CHAT_PATH;
            }
        };
        sampling(request.sampling(), body);
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true).put("continuous_usage_stats", true);
        body.put("cache_salt", cacheSalt);
        return new UpstreamRequest(path, body);
    }

    private static void chat(ObjectMapper json, PromptInput.Chat chat, ObjectNode body) {
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : chat.messages()) {
            ObjectNode message = messages.addObject().put("role", m.role());
            if (m.content().isEmpty() && !m.toolCallsJson().isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", m.content());
            }
            if (!m.toolCallsJson().isEmpty()) {
                message.set("tool_calls", parse(json, m.toolCallsJson(), "tool_calls", JsonNode::isArray));
            }
            putIfPresent(message, "tool_call_id", m.toolCallId());
            putIfPresent(message, "name", m.name());
        }
        if (!chat.toolsJson().isEmpty()) {
            body.set("tools", parse(json, chat.toolsJson(), "tools", JsonNode::isArray));
        }
        if (!chat.toolChoiceJson().isEmpty()) {
            body.set("tool_choice",
                    parse(json, chat.toolChoiceJson(), "tool_choice", n -> n.isTextual() || n.isObject()));
        }
        if (!chat.responseFormatJson().isEmpty()) {
            body.set("response_format", parse(json, chat.responseFormatJson(), "response_format", JsonNode::isObject));
        }
    }

    private static void sampling(Sampling sampling, ObjectNode body) {
        body.put("max_tokens", sampling.maxTokens());
        body.put("temperature", sampling.temperature());
        if (sampling.topP() > 0f && sampling.topP() < 1f) {
            body.put("top_p", sampling.topP());
        }
        sampling.seed().ifPresent(seed -> body.put("seed", seed));
        if (!sampling.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            sampling.stop().forEach(stop::add);
        }
    }

    private static void putIfPresent(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }

    private static JsonNode parse(ObjectMapper json, String text, String field,
            Predicate<JsonNode> shape) {
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !shape.test(node)) {
                throw new InvalidRequestException(field + " has the wrong JSON type");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(field + " is not valid JSON");
        }
    }
}
