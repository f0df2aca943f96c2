package io.civitas.tenant.admin;

import io.civitas.tenant.outbox.AuditRecorder;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

/**
 * Records a successful admin action in the outbox inside the method's transaction (it runs within
 * {@link Transactional}'s interceptor), so the change and its audit event commit together or not at all.
 */
@AdminAction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AdminActionInterceptor {

    private final AccessPolicy access;
    private final AuditTarget target;
    private final AuditRecorder audit;

    public AdminActionInterceptor(AccessPolicy access, AuditTarget target, AuditRecorder audit) {
        this.access = access;
        this.target = target;
        this.audit = audit;
    }

    @AroundInvoke
    Object recordSuccess(InvocationContext context) throws Exception {
        Object result = context.proceed();
        AdminAction action = context.getMethod().getAnnotation(AdminAction.class);
        int status = switch (result) {
            case Response response -> response.getStatus();
            case null -> Response.Status.NO_CONTENT.getStatusCode();
            default -> Response.Status.OK.getStatusCode();
        };
        audit.record(access.actor(),
                new AuditRecorder.Action(action.value(), action.target(), target.targetId(), target.tenantId()),
                status, null, target.details());
        return result;
    }
}
