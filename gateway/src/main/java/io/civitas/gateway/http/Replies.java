package io.civitas.gateway.http;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.civitas.gateway.error.ApiError;
import io.civitas.gateway.error.ErrorMap;
import io.civitas.gateway.openai.OpenAiFormat;
import io.vertx.core.http.HttpServerResponse;

/** Writes whole JSON replies and OpenAI errors. */
@ApplicationScoped
public class Replies {

    static final String REQUEST_ID_HEADER = "x-request-id";
    static final String JSON = "application/json";
    static final String RETRY_AFTER = "retry-after";
    /** Seconds a 429 without a more precise hint asks the client to wait (workers busy). */
    static final String WORKERS_BUSY_RETRY_AFTER_SECONDS = "1";
    private static final int TOO_MANY_REQUESTS = 429;
    private static final Logger LOGGER = Logger.getLogger(Replies.class);

    private final OpenAiFormat format;

    public Replies(ObjectMapper mapper) {
        this.format = new OpenAiFormat(mapper);
    }

    public OpenAiFormat format() {
        return format;
    }

    /** Maps the failure (see {@link ErrorMap}) and, if nothing was sent yet, answers with it. */
    public ApiError error(HttpServerResponse response, String requestId, Throwable failure) {
        ApiError error = ErrorMap.toApiError(failure);
        if (error.httpStatus() == 500) {
            LOGGER.errorf(failure, "Unexpected failure: request_id=%s", requestId);
        }
        send(response, error);
        return error;
    }

    /** Answers with the error, if nothing was sent yet; returns its HTTP status. */
    public int send(HttpServerResponse response, ApiError error) {
        if (error.httpStatus() == TOO_MANY_REQUESTS && !response.headWritten()
                && !response.headers().contains(RETRY_AFTER)) {
            response.putHeader(RETRY_AFTER, WORKERS_BUSY_RETRY_AFTER_SECONDS);
        }
        json(response, error.httpStatus(), format.error(error));
        return error.httpStatus();
    }

    public void json(HttpServerResponse response, int status, String body) {
        if (response.headWritten() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("content-type", JSON).end(body);
    }
}
