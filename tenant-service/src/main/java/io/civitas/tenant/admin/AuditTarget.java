package io.civitas.tenant.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

/**
 * The target of the current admin action, set by the resource method once it is known (e.g. the id of a key just
 * created), and non-secret details. Read by {@link AdminActionInterceptor}.
 */
@RequestScoped
public class AuditTarget {

    private String targetId;
    private String tenantId;
    private final Map<String, String> details = new LinkedHashMap<>();

    public AuditTarget set(String targetId, String tenantId) {
        this.targetId = targetId;
        this.tenantId = tenantId;
        return this;
    }

    public AuditTarget detail(String name, String value) {
        details.put(name, value);
        return this;
    }

    String targetId() {
        return targetId;
    }

    String tenantId() {
        return tenantId;
    }

    Map<String, String> details() {
        return Map.copyOf(details);
    }
}
