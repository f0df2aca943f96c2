package io.civitas.support.security;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

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

    /** The caller of the current request ("anonymous" without a verified token). */
    public static Actor of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return new Actor("", "anonymous", List.of());
        }
        String subject = identity.getPrincipal().getName();
        String name = subject;
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            subject = Optional.ofNullable(token.getSubject()).orElse("");
            name = firstClaim(token, Claims.preferred_username.name(), "client_id", "azp").orElse(subject);
        }
        return new Actor(subject, name, Roles.ALL.stream().filter(identity::hasRole).toList());
    }

    private static Optional<String> firstClaim(JsonWebToken token, String... names) {
        for (String name : names) {
            Object value = token.getClaim(name);
            if (value != null && !value.toString().isBlank()) {
                return Optional.of(value.toString().replace("\"", ""));
            }
        }
        return Optional.empty();
    }
}
