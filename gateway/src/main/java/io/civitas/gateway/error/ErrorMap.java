package io.civitas.gateway.error;

import java.util.OptionalLong;

import io.civitas.api.events.v1.Outcome;
import io.grpc.Status;

/** The one place where failures become OpenAI errors (HTTP status, type, code) and event outcomes. */
public final class ErrorMap {

    private static final String INVALID_REQUEST = "invalid_request_error";
    private static final String SERVER_ERROR = "server_error";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final long CONCURRENCY_RETRY_AFTER_SECONDS = 1;
    /** Seconds a client waits when every worker it may use is busy. */
    private static final long WORKERS_BUSY_RETRY_AFTER_SECONDS = 1;

    private ErrorMap() {
    }

    /** Maps any failure; unknown ones become a 500 without internal detail. */
    public static ApiError toApiError(Throwable failure) {
        return switch (failure) {
            case AuthServiceUnavailableException e -> new ApiError(503, SERVER_ERROR, "service_unavailable", null,
                    "API key verification is temporarily unavailable; retry later.", Outcome.OUTCOME_ERROR);
            case BudgetExhaustedException e -> new ApiError(TOO_MANY_REQUESTS, "insufficient_quota",
                    "insufficient_quota", null, e.getMessage(), Outcome.OUTCOME_REJECTED);
            case ConcurrencyLimitExceededException e -> new ApiError(TOO_MANY_REQUESTS,
                    RateLimitExceededException.REQUESTS, "concurrency_limit_exceeded", null, e.getMessage(),
                    Outcome.OUTCOME_REJECTED);
            case InsufficientScopeException e -> new ApiError(403, "permission_error", "insufficient_scope", null,
                    e.getMessage(), Outcome.OUTCOME_REJECTED);
            case InvalidApiKeyException e -> new ApiError(401, INVALID_REQUEST, "invalid_api_key", null,
                    e.getMessage(), Outcome.OUTCOME_REJECTED);
            case InvalidRequestException e -> new ApiError(400, INVALID_REQUEST, null, e.param(),
                    e.getMessage(), Outcome.OUTCOME_REJECTED);
            case ModelNotFoundException e -> new ApiError(404, INVALID_REQUEST, "model_not_found", "model",
                    e.getMessage(), Outcome.OUTCOME_REJECTED);
            case RateLimitExceededException e -> new ApiError(TOO_MANY_REQUESTS, e.kind(), "rate_limit_exceeded",
                    null, e.getMessage(), Outcome.OUTCOME_REJECTED);
            case NoEligibleWorkerException e -> new ApiError(503, SERVER_ERROR, "no_worker_in_allowed_regions",
                    "model", e.getMessage(), Outcome.OUTCOME_ERROR);
            case RequestTooLargeException e -> new ApiError(413, INVALID_REQUEST, "request_too_large", null,
                    e.getMessage(), Outcome.OUTCOME_REJECTED);
            case WorkerFailureException e -> fromWorker(e);
            default -> new ApiError(500, SERVER_ERROR, "internal_error", null,
                    "The server had an error while processing your request.", Outcome.OUTCOME_ERROR);
        };
    }

    /** The retry-after header's seconds for a failure the client may retry after a known wait. */
    public static OptionalLong retryAfterSeconds(Throwable failure) {
        return switch (failure) {
            case RateLimitExceededException e -> OptionalLong.of(e.retryAfterSeconds());
            case ConcurrencyLimitExceededException e -> OptionalLong.of(CONCURRENCY_RETRY_AFTER_SECONDS);
            case WorkerFailureException e when e.code() == Status.Code.RESOURCE_EXHAUSTED ->
                    OptionalLong.of(WORKERS_BUSY_RETRY_AFTER_SECONDS);
            default -> OptionalLong.empty();
        };
    }

    private static ApiError fromWorker(WorkerFailureException e) {
        Status.Code code = e.code();
        return switch (code) {
            case INVALID_ARGUMENT -> new ApiError(400, INVALID_REQUEST, "invalid_value", null, e.getMessage(),
                    Outcome.OUTCOME_REJECTED);
            case FAILED_PRECONDITION -> new ApiError(422, INVALID_REQUEST, "unsupported_feature", null,
                    "The model's engine cannot honour this request: " + e.getMessage(), Outcome.OUTCOME_REJECTED);
            case NOT_FOUND -> new ApiError(404, INVALID_REQUEST, "model_not_found", "model",
                    "The model is not served at the moment.", Outcome.OUTCOME_REJECTED);
            case RESOURCE_EXHAUSTED -> new ApiError(429, SERVER_ERROR, "model_overloaded", null,
                    "Every worker serving the model in your allowed regions is busy; retry later.", Outcome.OUTCOME_REJECTED);
            case UNAVAILABLE -> new ApiError(503, SERVER_ERROR, "service_unavailable", null,
                    "The model is temporarily unavailable; retry later.", Outcome.OUTCOME_ERROR);
            default -> new ApiError(502, SERVER_ERROR, "upstream_error", null,
                    "The model failed to complete the request (" + code.name() + ").", Outcome.OUTCOME_ERROR);
        };
    }
}
