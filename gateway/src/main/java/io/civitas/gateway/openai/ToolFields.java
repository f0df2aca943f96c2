package io.civitas.gateway.openai;

import static io.civitas.gateway.openai.RequestFields.present;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.InvalidRequestException;

/**
 * Reads the tool-calling parts of a chat request, checking their shape lightly (the engine checks the rest): function
 * tools, tool_choice, response_format, and the tool_calls of assistant messages.
 */
final class ToolFields {

    private static final Set<String> TOOL_CHOICES = Set.of("none", "auto", "required");
    private static final Set<String> RESPONSE_FORMATS = Set.of("text", "json_object", "json_schema");
    private static final String FUNCTION = "function";

    private ToolFields() {
    }

    /** tools, tool_choice and response_format of the request. */
    static ToolOptions options(ObjectMapper mapper, JsonNode root) {
        JsonNode tools = root.get("tools");
        JsonNode choice = root.get("tool_choice");
        if (present(tools)) {
            checkTools(tools);
        }
        if (present(choice)) {
            if (!present(tools)) {
                throw new InvalidRequestException("tool_choice",
                        "'tool_choice' is only allowed when 'tools' are specified.");
            }
            checkToolChoice(choice);
        }
        return new ToolOptions(json(mapper, tools), json(mapper, choice), responseFormat(mapper, root));
    }

    /** The tool_calls of an assistant message as JSON, or "" when it has none. */
    static String toolCalls(ObjectMapper mapper, JsonNode node, String param) {
        if (!present(node)) {
            return "";
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidRequestException(param, "'tool_calls' must be a non-empty array.");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode call = node.get(i);
            if (!call.isObject() || !text(call, "id") || !FUNCTION.equals(call.path("type").asText())
                    || !text(call.path(FUNCTION), "name") || !call.path(FUNCTION).path("arguments").isTextual()) {
                throw new InvalidRequestException(param + "[" + i + "]", "Each tool call must have an 'id', type "
                        + "'function' and a 'function' with a 'name' and 'arguments' (a string).");
            }
        }
        return json(mapper, node);
    }

    private static void checkTools(JsonNode tools) {
        if (!tools.isArray() || tools.isEmpty()) {
            throw new InvalidRequestException("tools", "'tools' must be a non-empty array of function tools.");
        }
        for (int i = 0; i < tools.size(); i++) {
            JsonNode tool = tools.get(i);
            JsonNode parameters = tool.path(FUNCTION).path("parameters");
            if (!tool.isObject() || !FUNCTION.equals(tool.path("type").asText()) || !text(tool.path(FUNCTION), "name")
                    || !(parameters.isMissingNode() || parameters.isObject())) {
                throw new InvalidRequestException("tools[" + i + "]", "Each tool must be of type 'function' with a "
                        + "'function' object that has a 'name' and, optionally, 'parameters' (a JSON Schema object).");
            }
        }
    }

    private static void checkToolChoice(JsonNode choice) {
        boolean named = choice.isTextual() && TOOL_CHOICES.contains(choice.asText());
        boolean function = choice.isObject() && FUNCTION.equals(choice.path("type").asText())
                && text(choice.path(FUNCTION), "name");
        if (!named && !function) {
            throw new InvalidRequestException("tool_choice", "'tool_choice' must be 'none', 'auto', 'required' or "
                    + "{\"type\": \"function\", \"function\": {\"name\": ...}}.");
        }
    }

    private static String responseFormat(ObjectMapper mapper, JsonNode root) {
        JsonNode format = root.get("response_format");
        if (!present(format)) {
            return "";
        }
        String type = format.path("type").asText();
        if (!format.isObject() || !RESPONSE_FORMATS.contains(type)) {
            throw new InvalidRequestException("response_format",
                    "'response_format' must be an object whose 'type' is 'text', 'json_object' or 'json_schema'.");
        }
        if ("json_schema".equals(type) && !text(format.path("json_schema"), "name")) {
            throw new InvalidRequestException("response_format.json_schema",
                    "A 'json_schema' response format needs a 'json_schema' object with a 'name'.");
        }
        return "text".equals(type) ? "" : json(mapper, format);
    }

    private static boolean text(JsonNode node, String field) {
        return node.path(field).isTextual() && !node.path(field).asText().isBlank();
    }

    private static String json(ObjectMapper mapper, JsonNode node) {
        return present(node) ? OpenAiFormat.write(mapper, node) : "";
    }
}
