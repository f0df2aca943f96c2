package io.civitas.gateway.openai;

import java.util.Objects;
import java.util.Set;

/**
 * One message of a chat, with a role the worker understands; an assistant turn may carry the tool calls it made (as
 * OpenAI JSON) and a tool turn the id of the call it answers. Empty strings stand for "none".
 */
public record ChatMessage(String role, String content, String toolCallsJson, String toolCallId, String name) {

    /** Roles the worker accepts ("developer" is read as "system"). */
    public static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

    public ChatMessage {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("Unknown role: " + role);
        }
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(toolCallsJson, "toolCallsJson");
        Objects.requireNonNull(toolCallId, "toolCallId");
        Objects.requireNonNull(name, "name");
        if ("tool".equals(role) == toolCallId.isEmpty()) {
            throw new IllegalArgumentException("A tool_call_id belongs to tool messages, and each has one");
        }
    }

    /** A plain text message. */
    public ChatMessage(String role, String content) {
        this(role, content, "", "", "");
    }
}
