package io.civitas.tenant.domain;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Changes to a tenant's descriptive attributes; a null field is left as it is.
 */
public record TenantAttributes(String name, List<String> allowedRegions, String dataClassification,
        String costCentre, String priceBook) {

    /** Longest accepted tenant name. */
    public static final int MAX_NAME_LENGTH = 100;
    /** Classification of a tenant created without one. */
    public static final String DEFAULT_CLASSIFICATION = "official";

    private static final Pattern CLASSIFICATION = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    public TenantAttributes {
        if (name != null) {
            name = name.strip();
            if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
                throw new InvalidRequestException("name must have 1 to " + MAX_NAME_LENGTH + " characters");
            }
        }
        allowedRegions = allowedRegions == null ? null : normalised(allowedRegions, "allowedRegions");
        if (dataClassification != null && !CLASSIFICATION.matcher(dataClassification).matches()) {
            throw new InvalidRequestException("dataClassification must be lower-case letters, digits and '-'");
        }
        costCentre = blankToNull(costCentre);
        priceBook = blankToNull(priceBook);
    }

    /** De-duplicates in order; refuses blank entries. */
    public static List<String> normalised(List<String> values, String field) {
        if (values == null) {
            return List.of();
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new InvalidRequestException(field + " must not contain blank entries");
            }
            unique.add(value.strip());
        }
        return List.copyOf(unique);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
