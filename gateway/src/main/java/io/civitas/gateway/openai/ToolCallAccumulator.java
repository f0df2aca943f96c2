package io.civitas.gateway.openai;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Merges streamed tool-call deltas (OpenAI {@code delta.tool_calls} arrays) into whole tool calls, by index: the id,
 * type and function name arrive once, the arguments in pieces that are concatenated.
 */
public final class ToolCallAccumulator {

    private final ObjectMapper mapper;
    private final Map<Integer, ObjectNode> calls = new TreeMap<>();

    ToolCallAccumulator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Takes one chunk's deltas; fails with IllegalArgumentException if they are not a JSON array of objects. */
    public void add(String deltasJson) {
        for (JsonNode delta : deltas(mapper, deltasJson)) {
            ObjectNode call = calls.computeIfAbsent(delta.path("index").asInt(calls.size()), index -> {
                ObjectNode fresh = mapper.createObjectNode().put("id", "").put("type", "function");
                fresh.putObject("function").put("name", "").put("arguments", "");
                return fresh;
            });
            copyText(delta, call, "id");
            copyText(delta, call, "type");
            ObjectNode function = (ObjectNode) call.get("function");
            JsonNode part = delta.path("function");
            function.put("name", function.get("name").asText() + part.path("name").asText(""));
            function.put("arguments", function.get("arguments").asText() + part.path("arguments").asText(""));
        }
    }

    public boolean isEmpty() {
        return calls.isEmpty();
    }

    /** The whole tool calls, in index order, as message.tool_calls. */
    public ArrayNode merged() {
        ArrayNode merged = mapper.createArrayNode();
        calls.values().forEach(merged::add);
        return merged;
    }

    /** Parses a chunk's tool-call deltas. */
    static ArrayNode deltas(ObjectMapper mapper, String deltasJson) {
        try {
            JsonNode node = mapper.readTree(deltasJson);
            if (node instanceof ArrayNode array && array.valueStream().allMatch(JsonNode::isObject)) {
                return array;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("Tool-call deltas are not a JSON array of objects");
    }

    private static void copyText(JsonNode from, ObjectNode to, String field) {
        if (from.path(field).isTextual()) {
            to.put(field, from.get(field).asText());
        }
    }
}
