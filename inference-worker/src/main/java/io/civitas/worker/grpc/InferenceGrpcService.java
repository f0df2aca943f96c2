package io.civitas.worker.grpc;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.Embedding;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceService;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.InferenceEngine;
import io.civitas.worker.load.LoadReporter;
import io.civitas.worker.metrics.WorkerMetrics;
import io.civitas.worker.placement.Placement;
import io.grpc.Context;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The worker's gRPC edge: maps requests to the engine and its results back; failures map in GrpcExceptionMapper. */
@GrpcService
public class InferenceGrpcService implements InferenceService {

    private static final Logger LOGGER = Logger.getLogger(InferenceGrpcService.class);
    private static final String OWNER = "civitas";

    private final InferenceEngine engine;
    private final LoadReporter loadReporter;
    private final WorkerMetrics metrics;
    private final Placement placement;

    InferenceGrpcService(InferenceEngine engine, LoadReporter loadReporter, WorkerMetrics metrics,
            Placement placement) {
        this.engine = engine;
        this.loadReporter = loadReporter;
        this.metrics = metrics;
        this.placement = placement;
    }

    @Override
    public Multi<GenerateChunk> generate(GenerateRequest request) {
        LOGGER.debugf("Generate request_id=%s tenant_id=%s model=%s", request.getRequestId(), request.getTenantId(),
                request.getModel());
        AtomicBoolean first = new AtomicBoolean(true);
        Optional<Duration> timeLeft = Optional.ofNullable(Context.current().getDeadline())
                .map(deadline -> Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
        io.civitas.api.inference.v1.Placement where = placementOf(request.getModel());
        return Multi.createFrom()
                .deferred(() -> engine.generate(request.getModel(), request.getTenantId(),
                        RequestMapper.input(request), RequestMapper.sampling(request), timeLeft))
                .onFailure().invoke(failure -> metrics.rejected(request.getModel(), failure))
                .map(chunk -> toProto(chunk, first.getAndSet(false) ? Optional.of(where) : Optional.empty()));
    }

    private io.civitas.api.inference.v1.Placement placementOf(String model) {
        return RequestMapper.placement(engine.servedModels().stream().filter(m -> m.id().equals(model)).findFirst()
                .map(m -> placement.withEngine(m.placementEngine())).orElse(placement));
    }

    private static GenerateChunk toProto(GenerationChunk chunk,
            Optional<io.civitas.api.inference.v1.Placement> where) {
        GenerateChunk.Builder out = GenerateChunk.newBuilder().setText(chunk.text())
                .setPromptTokens(chunk.promptTokens()).setCompletionTokens(chunk.completionTokens())
                .setToolCallsJson(chunk.toolCallsJson()).setCachedPromptTokens(chunk.cachedPromptTokens());
        chunk.finishReason().ifPresent(reason -> out.setFinishReason(switch (reason) {
            case STOP -> FinishReason.FINISH_REASON_STOP;
            case LENGTH -> FinishReason.FINISH_REASON_LENGTH;
            case TOOL_CALLS -> FinishReason.FINISH_REASON_TOOL_CALLS;
            case CONTENT_FILTER -> FinishReason.FINISH_REASON_CONTENT_FILTER;
        }));
        where.ifPresent(out::setPlacement);
        return out.build();
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        LOGGER.debugf("Embed request_id=%s tenant_id=%s model=%s inputs=%d", request.getRequestId(),
                request.getTenantId(), request.getModel(), request.getInputsCount());
        return Uni.createFrom().deferred(() -> engine.embed(request.getModel(), request.getInputsList()))
                .onFailure().invoke(failure -> metrics.rejected(request.getModel(), failure))
                .map(embeddings -> {
                    EmbedResponse.Builder out = EmbedResponse.newBuilder()
                            .setPlacement(placementOf(request.getModel()));
                    int tokens = 0;
                    for (var e : embeddings) {
                        Embedding.Builder vector = Embedding.newBuilder();
                        for (float v : e.values()) {
                            vector.addValues(v);
                        }
                        out.addEmbeddings(vector);
                        tokens += e.tokens();
                    }
                    return out.setPromptTokens(tokens).build();
                });
    }

    @Override
    public Multi<LoadReport> watchLoad(WatchLoadRequest request) {
        Duration interval = loadReporter.interval(Integer.toUnsignedLong(request.getIntervalMs()));
        LOGGER.debugf("WatchLoad interval=%d ms", interval.toMillis());
        io.civitas.api.inference.v1.Placement where = RequestMapper.placement(placement);
        return loadReporter.watch(interval).map(snapshot -> RequestMapper.loadReport(snapshot, where));
    }

    @Override
    public Uni<ListModelsResponse> listModels(ListModelsRequest request) {
        ListModelsResponse.Builder out = ListModelsResponse.newBuilder()
                .setPlacement(RequestMapper.placement(placement));
        engine.servedModels().forEach(m -> out.addModels(ModelInfo.newBuilder().setId(m.id())
                .setContextLength(m.capabilities().contextLength()).setSupportsChat(m.capabilities().chat())
                .setSupportsEmbeddings(m.capabilities().embeddings()).setSupportsTools(m.capabilities().tools())
                .setEngine(m.engine()).setOwnedBy(OWNER)));
        return Uni.createFrom().item(out.build());
    }
}
