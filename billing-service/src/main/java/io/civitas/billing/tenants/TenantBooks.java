package io.civitas.billing.tenants;

import jakarta.enterprise.context.ApplicationScoped;

import io.civitas.billing.config.BillingConfig;

/** Which price book prices a tenant: the one its snapshot names, else the platform default. */
@ApplicationScoped
public class TenantBooks {

    private final BillingConfig config;

    public TenantBooks(BillingConfig config) {
        this.config = config;
    }

    public String bookOf(TenantRecord tenant) {
        return tenant.priceBook().isBlank() ? config.pricing().defaultBook() : tenant.priceBook();
    }
}
