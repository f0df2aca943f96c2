package io.civitas.tenant.domain;

import java.util.List;
import java.util.Objects;

/**
 * What is needed to create a tenant: a unique name, its attributes, and (legacy shorthand) models it may use from
 * the start, which become entitlements with licence reference {@value #DEFAULT_LICENCE} accepted by the creator.
 */
public record NewTenant(TenantAttributes attributes, List<String> allowedModels, Quotas quotas) {

    /** Licence reference of entitlements created through {@code allowedModels}. */
    public static final String DEFAULT_LICENCE = "platform-default";

    public NewTenant {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(attributes.name(), "name");
        allowedModels = TenantAttributes.normalised(allowedModels, "allowedModels");
        quotas = quotas == null ? Quotas.UNLIMITED : quotas;
    }
}
