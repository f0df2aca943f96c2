package io.civitas.billing.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks an admin API method that changes something. The method records its AdminActionPerformed event with
 * {@link AdminAudit#done} in the transaction of the change ({@link AdminActionInterceptor} tells it which action it
 * performs); when it is refused or fails, {@link FailedAdminActionAuditor} records that instead.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AdminAction {

    /** Dotted action name, e.g. {@code price-book.create}. */
    @Nonbinding
    String value() default "";

    /** What it acts on: {@code price-book}, {@code contract-price}, {@code invoice}. */
    @Nonbinding
    String target() default "";

    /** The path parameter holding the target's id, for a refusal before the method ran; empty: none. */
    @Nonbinding
    String targetParam() default "";
}
