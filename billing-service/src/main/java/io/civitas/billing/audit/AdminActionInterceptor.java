package io.civitas.billing.audit;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.civitas.billing.outbox.OutboxSignal;

/**
 * Tells the request's {@link AdminAudit} which action the method performs; when the method returned after
 * recording it (its transaction committed), wakes the outbox publisher.
 */
@AdminAction
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 300)
public class AdminActionInterceptor {

    private final AdminAudit audit;
    private final OutboxSignal signal;

    public AdminActionInterceptor(AdminAudit audit, OutboxSignal signal) {
        this.audit = audit;
        this.signal = signal;
    }

    @AroundInvoke
    Object perform(InvocationContext context) throws Exception {
        audit.begin(context.getMethod().getAnnotation(AdminAction.class));
        Object result = context.proceed();
        if (audit.markCommitted()) {
            signal.raise();
        }
        return result;
    }
}
