package io.civitas.tenant.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Size;

/**
 * Configuration of the tenant service ({@code civitas.tenant.*}).
 */
@ConfigMapping(prefix = "civitas.tenant")
public interface TenantServiceConfig {

    /** API key settings. */
    Keys keys();

    /** API key settings. */
    interface Keys {

        /** Secret pepper of HMAC-SHA256(pepper, key); required (no default), at least 32 characters, never logged. */
        @Size(min = 32)
        String pepper();
    }
}
