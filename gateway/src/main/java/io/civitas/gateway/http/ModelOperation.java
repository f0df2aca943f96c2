package io.civitas.gateway.http;

import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.civitas.gateway.auth.Scope;
import io.civitas.gateway.openai.ModelRequest;

/**
 * What one model endpoint does itself; {@link ModelRequestPipeline} does the rest (authentication, entitlement,
 * residency, errors, events).
 */
interface ModelOperation {

    /** How usage and audit events name the endpoint, e.g. "POST /v1/completions". */
    String endpoint();

    /** The scope a key needs for this endpoint. */
    default Scope scope() {
        return Scope.INFERENCE;
    }

    /** Reads and validates the body; fails with a GatewayException naming the parameter. */
    ModelRequest parse(byte[] body);

    /**
     * Runs the accepted, allowed request on the worker and answers the client, then calls exactly one of
     * {@code succeeded} (after a 200 answer) or {@code failed}; callbacks run on {@code loop}.
     */
    void run(ModelExchange exchange, Executor loop, Runnable succeeded, Consumer<Throwable> failed);
}
