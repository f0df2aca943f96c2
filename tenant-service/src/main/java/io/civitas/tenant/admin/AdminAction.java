package io.civitas.tenant.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks an admin API method that changes something: it runs in one transaction with its AdminActionPerformed event
 * ({@link AdminActionInterceptor}); when it fails, {@link FailedAdminActionAuditor} records the refusal.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AdminAction {

    /** Dotted action name, e.g. {@code key.revoke}. */
    @Nonbinding
    String value() default "";

    /** What it acts on: {@code tenant}, {@code key}, {@code quota}, {@code entitlement}. */
    @Nonbinding
    String target() default "";
}
