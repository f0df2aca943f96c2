package io.civitas.tenant.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What is needed to create a tenant: a unique name and its entitlements. Names are trimmed; entitlement lists are
 * de-duplicated in order. A missing list means "none".
 */
public record NewTenant(String name, List<String> allowedModels, List<String> allowedRegions) {

    /** Longest accepted tenant name. */
    public static final int MAX_NAME_LENGTH = 100;

    public NewTenant {
        Objects.requireNonNull(name, "name");
        name = name.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must have 1 to " + MAX_NAME_LENGTH + " characters");
        }
        allowedModels = normalised(allowedModels, "allowedModels");
        allowedRegions = normalised(allowedRegions, "allowedRegions");
    }

    private static List<String> normalised(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not contain blank entries");
            }
            unique.add(value.strip());
        }
        return List.copyOf(unique);
    }
}
