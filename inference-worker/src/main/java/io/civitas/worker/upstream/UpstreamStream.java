package io.civitas.worker.upstream;

import java.util.Optional;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.worker.engine.EngineFailedException;
import io.civitas.worker.engine.EngineUnavailableException;
import io.civitas.worker.engine.FinishReason;
import io.civitas.worker.engine.GenerationChunk;

/**
 * Relays one upstream stream (the data of its SSE events) as generation chunks. Text and tool-call deltas go out as
 * they come, with the running counts of the upstream's continuous usage when it sends them (vLLM) and otherwise the
 * number of deltas so far. The chunk that carries the finish reason is held back until the usage chunk
 * ({@code stream_options.include_usage}) arrives: the last chunk carries the upstream's exact prompt, completion and
 * cached-prompt token counts. Not thread-safe: one stream, events in order.
 */
final class UpstreamStream {

    private static final String DONE = "[DONE]";

    private final ObjectMapper json;
    private final Consumer<GenerationChunk> sink;
    private int promptTokens;
    private int completionTokens;
    private int deltas;
    private Optional<FinishReason> finishReason = Optional.empty();
    private String heldText = "";
    private String heldToolCalls = "";
    private JsonNode usage;
    private boolean done;

    UpstreamStream(ObjectMapper json, Consumer<GenerationChunk> sink) {
        this.json = json;
        this.sink = sink;
    }

    /** Handles the data of one event. */
    void event(String data) {
        if (done) {
            return;
        }
        if (data.equals(DONE)) {
            done = true;
            return;
        }
        JsonNode chunk = parse(data);
        JsonNode error = chunk.has("error") ? chunk.get("error") : "error".equals(chunk.path("object").asText()) ? chunk
                : null;
        if (error != null) {
            throw new EngineFailedException("upstream error: " + error.path("message").asText("unknown"));
        }
        JsonNode chunkUsage = chunk.get("usage");
        boolean hasUsage = chunkUsage != null && chunkUsage.isObject();
        if (hasUsage) {
            promptTokens = chunkUsage.path("prompt_tokens").asInt(promptTokens);
            completionTokens = chunkUsage.path("completion_tokens").asInt(completionTokens);
        }
        JsonNode choices = chunk.path("choices");
        if (choices.isEmpty() && hasUsage) {
            usage = chunkUsage;
            return;
        }
        for (JsonNode choice : choices) {
            choice(choice, hasUsage);
        }
    }

    private void choice(JsonNode choice, boolean hasUsage) {
        JsonNode delta = choice.path("delta");
        String text = choice.has("text") ? choice.path("text").asText("") : delta.path("content").asText("");
        JsonNode toolCalls = delta.get("tool_calls");
        String toolCallsJson = toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty() ? toolCalls.toString()
                : "";
        if (!text.isEmpty() || !toolCallsJson.isEmpty()) {
            deltas++;
        }
        int running = hasUsage ? completionTokens : deltas;
        JsonNode reason = choice.get("finish_reason");
        if (reason != null && !reason.isNull()) {
            finishReason = Optional.of(finishReason(reason.asText()));
            heldText = text;
            heldToolCalls = toolCallsJson;
            completionTokens = running;
        } else if (!text.isEmpty() || !toolCallsJson.isEmpty()) {
            sink.accept(new GenerationChunk(text, promptTokens, running, Optional.empty(), toolCallsJson, 0));
        }
    }

    /** The response ended: sends the last chunk with the upstream's usage; fails when the stream was cut short. */
    void end() {
        if (finishReason.isEmpty()) {
            throw new EngineUnavailableException("the upstream ended the stream before it finished");
        }
        if (usage == null) {
            throw new EngineFailedException("the upstream sent no usage (stream_options.include_usage)");
        }
        int cached = usage.path("prompt_tokens_details").path("cached_tokens").asInt(0);
        sink.accept(new GenerationChunk(heldText, usage.path("prompt_tokens").asInt(),
                usage.path("completion_tokens").asInt(), finishReason, heldToolCalls, cached));
    }

    /** The finish reason, once the upstream sent it. */
    Optional<FinishReason> finishReason() {
        return finishReason;
    }

    private JsonNode parse(String data) {
        try {
            return json.readTree(data);
        } catch (JsonProcessingException e) {
            throw new EngineFailedException("the upstream sent an event that is not JSON");
        }
    }

    private static FinishReason finishReason(String reason) {
        return switch (reason) {
            case "stop" -> FinishReason.STOP;
            case "length" -> FinishReason.LENGTH;
            case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
            case "content_filter" -> FinishReason.CONTENT_FILTER;
            default -> throw new EngineUnavailableException("the upstream ended the generation: " + reason);
        };
    }
}
