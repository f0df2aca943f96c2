package io.civitas.worker.engine;

import java.util.Set;

/**
 * One message of a chat.
 *
 * @param role "system", "user", "assistant" or "tool"
 * @param content the message text
 * @param toolCallsJson assistant turns that called tools: the OpenAI tool_calls array as JSON, or empty
 * @param toolCallId tool turns: the id of the call answered, or empty
 * @param name optional participant name, or empty
 */
public record ChatMessage(String role, String content, String toolCallsJson, String toolCallId, String name) {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    public ChatMessage {
        if (role == null || !ROLES.contains(role)) {
            throw new InvalidRequestException("chat role must be one of system, user, assistant, tool");
        }
        if (content == null || toolCallsJson == null || toolCallId == null || name == null) {
            throw new InvalidRequestException("chat content must be set");
        }
    }

    /** A plain text message. */
    public ChatMessage(String role, String content) {
        this(role, content, "", "", "");
    }

    /** Whether the message uses tool calling (a tool turn, or an assistant turn with tool calls). */
    public boolean usesTools() {
        return role.equals("tool") || !toolCallsJson.isEmpty() || !toolCallId.isEmpty();
    }
}
