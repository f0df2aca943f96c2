package io.civitas.tenant.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an API key may be used for. Keys get {@link #DEFAULT} unless scopes are given.
 */
public enum Scope {
    INFERENCE("inference"),
    EMBEDDINGS("embeddings"),
    READ_USAGE("read-usage");

    /** Scopes of a key created without explicit scopes. */
    public static final Set<Scope> DEFAULT = EnumSet.of(INFERENCE, EMBEDDINGS);

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    /** The scope as the API and the contract spell it. */
    public String value() {
        return value;
    }

    /** Parses scope names; null or empty gives {@link #DEFAULT}. */
    public static Set<Scope> parseAll(Collection<String> names) {
        if (names == null || names.isEmpty()) {
            return EnumSet.copyOf(DEFAULT);
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Arrays.stream(values()).filter(s -> s.value.equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidRequestException("unknown scope '" + name + "', expected one of "
                            + Arrays.stream(values()).map(Scope::value).toList())));
        }
        return scopes;
    }

    /** Scope names in declaration order. */
    public static List<String> names(Collection<Scope> scopes) {
        return EnumSet.copyOf(scopes).stream().map(Scope::value).toList();
    }
}
