package io.civitas.gateway.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.civitas.api.events.v1.Outcome;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.Placement;
import io.civitas.gateway.auth.TenantGrant;
import io.civitas.gateway.events.ServedRequest;
import io.civitas.gateway.metrics.Overhead;
import io.civitas.gateway.openai.CompletionHeader;
import io.civitas.gateway.openai.ModelRequest;
import io.civitas.gateway.openai.Usage;
import io.vertx.core.http.HttpServerResponse;

/**
 * The state of one model request (completion or embeddings), touched only on its event loop: who asked, what, where
 * it runs, the worker's running counts, how it answers, and whether it is over.
 */
final class ModelExchange {

    /** Recorded as the HTTP status of a request whose client went away before an answer was sent. */
    static final int CLIENT_CLOSED = 499;

    private final String requestId;
    private final String endpoint;
    private final long arrivalNanos;
    private final long createdEpochSecond;
    private final HttpServerResponse response;
    private final String clientAddress;
    private TenantGrant grant;
    private ModelRequest request;
    private GenerationResponder responder;
    private Placement placement;
    private Usage usage = Usage.NONE;
    private FinishReason finishReason = FinishReason.FINISH_REASON_UNSPECIFIED;
    private long firstTokenNanos = -1;
    private Runnable cancelCall;
    private boolean clientGone;
    private boolean finished;
    private final Overhead overhead;
    private final List<Consumer<ServedRequest>> finishListeners = new ArrayList<>(2);

    ModelExchange(String requestId, String endpoint, HttpServerResponse response, String clientAddress) {
        this.requestId = requestId;
        this.endpoint = endpoint;
        this.arrivalNanos = System.nanoTime();
        this.overhead = new Overhead(arrivalNanos, System::nanoTime);
        this.createdEpochSecond = Instant.now().getEpochSecond();
        this.response = response;
        this.clientAddress = clientAddress;
    }

    String requestId() {
        return requestId;
    }

    HttpServerResponse response() {
        return response;
    }

    TenantGrant grant() {
        return grant;
    }

    void authenticated(TenantGrant tenantGrant) {
        this.grant = tenantGrant;
    }

    /** The gateway's own time on this request (the overhead header). */
    Overhead overhead() {
        return overhead;
    }

    /** Runs {@code listener} with what the events report when the request finishes (limits, metrics). */
    void whenFinished(Consumer<ServedRequest> listener) {
        finishListeners.add(listener);
    }

    ModelRequest request() {
        return request;
    }

    void accepted(ModelRequest modelRequest) {
        this.request = modelRequest;
    }

    /** The responder of a running generation; null before one starts and for embeddings. */
    GenerationResponder responder() {
        return responder;
    }

    void respondsWith(GenerationResponder generationResponder) {
        this.responder = generationResponder;
    }

    void placedOn(Placement workerPlacement) {
        this.placement = workerPlacement;
    }

    CompletionHeader header() {
        return new CompletionHeader(requestId, createdEpochSecond, request.model());
    }

    /** Takes the worker's running counts, placement and finish reason from a chunk. */
    void account(GenerateChunk chunk) {
        overhead.answered();
        if (chunk.hasPlacement()) {
            placement = chunk.getPlacement();
        }
        usage = new Usage(chunk.getPromptTokens(), chunk.getCompletionTokens());
        if (firstTokenNanos < 0 && (!chunk.getText().isEmpty() || chunk.getCompletionTokens() > 0)) {
            firstTokenNanos = System.nanoTime();
        }
        if (chunk.getFinishReason() != FinishReason.FINISH_REASON_UNSPECIFIED) {
            finishReason = chunk.getFinishReason();
        }
    }

    /** Takes the usage and placement of a single answer (embeddings). */
    void answered(Usage answerUsage, Placement answerPlacement) {
        overhead.answered();
        usage = answerUsage;
        if (answerPlacement != null) {
            placement = answerPlacement;
        }
    }

    Usage usage() {
        return usage;
    }

    FinishReason finishReason() {
        return finishReason;
    }

    /** OpenAI's name of the finish reason. */
    String openAiFinishReason() {
        return switch (finishReason) {
            case FINISH_REASON_LENGTH -> "length";
            case FINISH_REASON_TOOL_CALLS -> "tool_calls";
            case FINISH_REASON_CONTENT_FILTER -> "content_filter";
            default -> "stop";
        };
    }

    void generating(Flow.Subscription subscription) {
        cancelsWith(subscription::cancel);
    }

    /** Remembers how to cancel the worker call; cancels it at once if the client is already gone. */
    void cancelsWith(Runnable cancel) {
        this.cancelCall = cancel;
        if (clientGone) {
            cancel.run();
        }
    }

    /** Called when the connection closes; cancels the worker call. True if the request must be finished now. */
    boolean clientGone() {
        clientGone = true;
        if (cancelCall != null) {
            cancelCall.run();
        }
        return grant != null && !finished;
    }

    boolean isClientGone() {
        return clientGone;
    }

    boolean isFinished() {
        return finished;
    }

    /** Marks the request over and returns what the events report. */
    ServedRequest finish(Outcome outcome, int httpStatus) {
        finished = true;
        long now = System.nanoTime();
        long ttft = firstTokenNanos < 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(firstTokenNanos - arrivalNanos);
        ServedRequest served = new ServedRequest(requestId, grant.tenantId(), grant.keyId(), endpoint,
                request == null ? "" : request.model(), placement, usage, outcome, httpStatus,
                request != null && request.stream(), ttft, TimeUnit.NANOSECONDS.toMillis(now - arrivalNanos),
                clientAddress, Instant.now());
        finishListeners.forEach(listener -> listener.accept(served));
        return served;
    }
}
