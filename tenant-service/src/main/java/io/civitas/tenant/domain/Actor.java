package io.civitas.tenant.domain;

import java.util.List;
import java.util.Objects;

/**
 * Who performs an admin action: the token's subject, a readable name (preferred_username or client id) and the
 * Civitas roles it carries. Never the token itself.
 */
public record Actor(String subject, String name, List<String> roles) {

    /** The actor of changes made without an admin request (migrations, tests). */
    public static final Actor SYSTEM = new Actor("system", "system", List.of());

    public Actor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
    }
}
