package io.civitas.gateway.error;

/** A failure with a known meaning for the client; {@link ErrorMap} turns each kind into an OpenAI error. */
public abstract sealed class GatewayException extends RuntimeException
        permits AuthServiceUnavailableException, BudgetExhaustedException, ConcurrencyLimitExceededException,
        InsufficientScopeException, InvalidApiKeyException, RateLimitExceededException, InvalidRequestException,
        ModelNotFoundException, NoEligibleWorkerException, RequestTooLargeException, WorkerFailureException {

    protected GatewayException(String message) {
        super(message, null, false, false);
    }
}
