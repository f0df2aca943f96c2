package io.civitas.billing.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;

import io.civitas.support.security.Actor;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The audit record of the current admin request. The resource method names its target and non-secret details as
 * soon as it knows them, and calls {@link #done} inside the transaction of its change, so that the change and its
 * AdminActionPerformed event commit together or not at all. A request refused or failed before that is recorded by
 * {@link FailedAdminActionAuditor} with the target named so far.
 */
@RequestScoped
public class AdminAudit {

    private final SecurityIdentity identity;
    private final AuditRecorder recorder;
    private final Map<String, String> details = new LinkedHashMap<>();
    private AdminAction action;
    private String targetId;
    private String tenantId;
    private boolean written;
    private boolean committed;

    public AdminAudit(SecurityIdentity identity, AuditRecorder recorder) {
        this.identity = identity;
        this.recorder = recorder;
    }

    /** Names the target: its id and the tenant concerned (null: a platform-wide target). */
    public AdminAudit target(String targetId, String tenantId) {
        this.targetId = targetId;
        this.tenantId = tenantId;
        return this;
    }

    /** Adds a non-secret detail; a null value is left out. */
    public AdminAudit detail(String name, String value) {
        if (value != null) {
            details.put(name, value);
        }
        return this;
    }

    /**
     * Records the action as done with {@code httpStatus}, in the transaction of {@code c}.
     *
     * @throws IllegalStateException outside a method marked {@link AdminAction}, so no change commits unaudited
     */
    public void done(Connection c, int httpStatus) throws SQLException {
        if (action == null) {
            throw new IllegalStateException("an admin action is recorded outside a method marked @AdminAction");
        }
        recorder.record(c, Actor.of(identity), new AuditRecorder.Action(action.value(), action.target(), targetId,
                tenantId), httpStatus, Map.copyOf(details));
        written = true;
    }

    void begin(AdminAction performed) {
        this.action = performed;
    }

    /** Called when the method returned: its transaction, and the event written in it, committed. */
    boolean markCommitted() {
        committed = written;
        return committed;
    }

    boolean committed() {
        return committed;
    }

    boolean hasTarget() {
        return targetId != null || tenantId != null;
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
