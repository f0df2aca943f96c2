package io.civitas.worker.engine;

import java.util.Set;

/**
 * One message of a chat.
 *
 * @param role "system", "user" or "assistant"
 * @param content the message text
 */
public record ChatMessage(String role, String content) {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatMessage {
        if (role == null || !ROLES.contains(role)) {
            throw new InvalidRequestException("chat role must be one of system, user, assistant");
        }
        if (content == null) {
            throw new InvalidRequestException("chat content must be set");
        }
    }
}
