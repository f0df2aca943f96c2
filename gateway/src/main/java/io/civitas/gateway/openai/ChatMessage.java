package io.civitas.gateway.openai;

import java.util.Objects;
import java.util.Set;

/** One message of a chat, with a role the worker understands. */
public record ChatMessage(String role, String content) {

    /** Roles the worker accepts ("developer" is read as "system"). */
    public static final Set<String> ROLES = Set.of("system", "user", "assistant");

    public ChatMessage {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("Unknown role: " + role);
        }
        Objects.requireNonNull(content, "content");
    }
}
