package io.civitas.gateway.fakes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.civitas.api.inference.v1.ChatInput;
import io.civitas.api.inference.v1.ChatMessage;
import io.civitas.api.inference.v1.EmbedRequest;
import io.civitas.api.inference.v1.EmbedResponse;
import io.civitas.api.inference.v1.Embedding;
import io.civitas.api.inference.v1.FinishReason;
import io.civitas.api.inference.v1.GenerateChunk;
import io.civitas.api.inference.v1.GenerateRequest;
import io.civitas.api.inference.v1.InferenceServiceGrpc;
import io.civitas.api.inference.v1.ListModelsRequest;
import io.civitas.api.inference.v1.ListModelsResponse;
import io.civitas.api.inference.v1.LoadReport;
import io.civitas.api.inference.v1.ModelInfo;
import io.civitas.api.inference.v1.Placement;
import io.civitas.api.inference.v1.SamplingParams;
import io.civitas.api.inference.v1.WatchLoadRequest;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * An inference worker that echoes: it answers "Echo:" and the words of the last message (or of a plain prompt), one
 * word per chunk, and counts one token per word (prompt: the words of all messages plus 2 per message, or the words
 * of a plain prompt). Embeddings are [words, index, 0.25] per input. The last message, prompt or input steers it:
 * "fail:CODE" fails at once, "fail-mid-stream" fails after one chunk, "no-finish" ends without a finish reason,
 * "hang" sends one chunk and waits to be cancelled, "params" echoes the sampling parameters, and
 * "was-cancelled ID" tells whether that request's call (or the embedding call of input "hang ID") was cancelled, and
 * "was-started ID" whether the embedding call of input "hang ID" arrived. Built with a {@link Mode}, it refuses every
 * generation and embedding; WatchLoad sends its report (placement, models, queue depth and draining flag) at once and
 * then at the interval asked (1 s if none), as a worker does, until the call is cancelled. It remembers the request id of every call it received. Tools: civitas-mini's engine cannot honour tools or
 * response_format (FAILED_PRECONDITION); "echo-tools" answers with the tool fields it received; "call-tool" streams
 * a get_weather call in three tool-call deltas and finishes with TOOL_CALLS. "traceparent ID" tells the W3C
 * traceparent header that request's call carried (when served through {@link #withTraceCapture()}).
 */
public class FakeInferenceWorker extends InferenceServiceGrpc.InferenceServiceImplBase {

    public static final String REGION = "eu-central";
    public static final Placement PLACEMENT = Placement.newBuilder()
            .setWorkerId("worker-1").setNode("node-a").setGpu("gpu-0").setRegion(REGION).setEngine("echo").build();
    public static final List<String> MODELS = List.of("civitas-echo", "civitas-mini", "civitas-large");
    /** The model whose engine cannot honour tools or response_format. */
    public static final String NO_TOOLS_MODEL = "civitas-mini";

    /** How the worker answers generations and embeddings. */
    public enum Mode {
        /** As described above. */
        NORMAL,
        /** RESOURCE_EXHAUSTED, as with a full admission queue. */
        BUSY,
        /** UNAVAILABLE, as when draining. */
        DOWN
    }

    private static final Metadata.Key<String> TRACEPARENT_HEADER = Metadata.Key.of("traceparent",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TRACEPARENT = Context.key("traceparent");

    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, String> traceparents = new ConcurrentHashMap<>();
    private final Set<String> started = ConcurrentHashMap.newKeySet();
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    private final Placement placement;
    private final List<String> models;
    private final Mode mode;
    private final LoadReport report;

    public FakeInferenceWorker() {
        this(PLACEMENT, MODELS, Mode.NORMAL, 0, false);
    }

    public FakeInferenceWorker(Placement placement, List<String> models, Mode mode, int queueDepth,
            boolean draining) {
        this.placement = placement;
        this.models = List.copyOf(models);
        this.mode = mode;
        this.report = LoadReport.newBuilder().setPlacement(placement).addAllModels(models).setQueueDepth(queueDepth)
                .setQueueCapacity(4).setMaxSequences(1).setDraining(draining).build();
    }

    /** This worker, remembering the traceparent header of each Generate call. */
    public ServerServiceDefinition withTraceCapture() {
        return ServerInterceptors.intercept(this, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                    ServerCallHandler<Q, R> next) {
                String traceparent = headers.get(TRACEPARENT_HEADER);
                return Contexts.interceptCall(Context.current().withValue(TRACEPARENT,
                        traceparent == null ? "none" : traceparent), call, headers, next);
            }
        });
    }

    /** Request ids of the generations and embeddings this worker was asked for. */
    public Set<String> received() {
        return Set.copyOf(received);
    }

    @Override
    public void watchLoad(WatchLoadRequest request, StreamObserver<LoadReport> response) {
        ServerCallStreamObserver<LoadReport> call = (ServerCallStreamObserver<LoadReport>) response;
        long interval = request.getIntervalMs() > 0 ? request.getIntervalMs() : 1000;
        Thread.ofVirtual().name("fake-worker-load").start(() -> {
            try {
                while (!call.isCancelled()) {
                    call.onNext(report);
                    Thread.sleep(interval);
                }
            } catch (InterruptedException | RuntimeException stopped) {
                // the call was cancelled or the server stopped
            }
        });
    }

    @Override
    public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> response) {
        ListModelsResponse.Builder list = ListModelsResponse.newBuilder().setPlacement(placement);
        models.forEach(id -> list.addModels(ModelInfo.newBuilder()
                .setId(id).setContextLength(4096).setSupportsChat(true).setOwnedBy("civitas")));
        response.onNext(list.build());
        response.onCompleted();
    }

    @Override
    public void generate(GenerateRequest request, StreamObserver<GenerateChunk> response) {
        ServerCallStreamObserver<GenerateChunk> call = (ServerCallStreamObserver<GenerateChunk>) response;
        call.setOnCancelHandler(() -> cancelled.add(request.getRequestId()));
        received.add(request.getRequestId());
        if (TRACEPARENT.get() != null) {
            traceparents.put(request.getRequestId(), TRACEPARENT.get());
        }
        List<ChatMessage> messages = request.getChat().getMessagesList();
        String last = request.hasChat() ? messages.getLast().getContent() : request.getPrompt();
        int prompt = request.hasChat()
                ? messages.stream().mapToInt(message -> words(message.getContent()).size() + 2).sum()
                : words(last).size();
        if (!models.contains(request.getModel())) {
            call.onError(Status.NOT_FOUND.withDescription("not served").asRuntimeException());
        } else if (mode != Mode.NORMAL) {
            call.onError(refusal());
        } else if (NO_TOOLS_MODEL.equals(request.getModel()) && (!request.getChat().getToolsJson().isEmpty()
                || !request.getChat().getResponseFormatJson().isEmpty())) {
            call.onError(Status.FAILED_PRECONDITION.withDescription("tools are not supported by the echo engine")
                    .asRuntimeException());
        } else if (last.equals("echo-tools")) {
            reply(call, toolFields(request.getChat()), prompt, 0);
        } else if (last.equals("call-tool")) {
            callTool(call, prompt);
        } else if (last.startsWith("fail:")) {
            call.onError(Status.fromCode(Status.Code.valueOf(last.substring(5))).withDescription("fake failure")
                    .asRuntimeException());
        } else if (last.equals("fail-mid-stream")) {
            call.onNext(chunk("partial", prompt, 1).setPlacement(placement).build());
            call.onError(Status.INTERNAL.withDescription("fake crash").asRuntimeException());
        } else if (last.equals("no-finish")) {
            call.onNext(chunk("unfinished", prompt, 1).setPlacement(placement).build());
            call.onCompleted();
        } else if (last.equals("hang")) {
            call.onNext(chunk("waiting", prompt, 1).setPlacement(placement).build());
        } else if (last.startsWith("was-started ")) {
            reply(call, List.of("started=" + started.contains(last.substring(12))), prompt, 0);
        } else if (last.startsWith("was-cancelled ")) {
            reply(call, List.of("cancelled=" + cancelled.contains(last.substring(14))), prompt, 0);
        } else if (last.startsWith("traceparent ")) {
            reply(call, List.of("traceparent=" + traceparents.getOrDefault(last.substring(12), "unknown")), prompt, 0);
        } else if (last.equals("params")) {
            reply(call, List.of(params(request.getSampling())), prompt, 0);
        } else {
            List<String> words = new java.util.ArrayList<>(List.of("Echo:"));
            words.addAll(words(last));
            reply(call, words, prompt, request.getSampling().getMaxTokens());
        }
    }

    @Override
    public void embed(EmbedRequest request, StreamObserver<EmbedResponse> response) {
        received.add(request.getRequestId());
        if (!models.contains(request.getModel())) {
            response.onError(Status.NOT_FOUND.withDescription("not served").asRuntimeException());
            return;
        }
        if (mode != Mode.NORMAL) {
            response.onError(refusal());
            return;
        }
        String first = request.getInputsCount() == 0 ? "" : request.getInputs(0);
        if (first.startsWith("hang ")) {
            String token = first.substring(5);
            ((ServerCallStreamObserver<EmbedResponse>) response).setOnCancelHandler(() -> cancelled.add(token));
            started.add(token);
            return;
        }
        EmbedResponse.Builder embeddings = EmbedResponse.newBuilder().setPlacement(placement);
        for (int i = 0; i < request.getInputsCount(); i++) {
            String input = request.getInputs(i);
            if (input.startsWith("fail:")) {
                response.onError(Status.fromCode(Status.Code.valueOf(input.substring(5)))
                        .withDescription("fake failure").asRuntimeException());
                return;
            }
            embeddings.addEmbeddings(Embedding.newBuilder().addValues(words(input).size()).addValues(i)
                    .addValues(0.25f));
            embeddings.setPromptTokens(embeddings.getPromptTokens() + words(input).size());
        }
        response.onNext(embeddings.build());
        response.onCompleted();
    }

    private static List<String> toolFields(ChatInput chat) {
        List<String> fields = new java.util.ArrayList<>(List.of("tools=" + chat.getToolsJson(),
                "choice=" + chat.getToolChoiceJson(), "format=" + chat.getResponseFormatJson()));
        chat.getMessagesList().forEach(message -> fields.add(message.getRole() + "[calls=" + message.getToolCallsJson()
                + ",id=" + message.getToolCallId() + ",name=" + message.getName() + "]"));
        return fields;
    }

    private void callTool(StreamObserver<GenerateChunk> call, int prompt) {
        List<String> deltas = List.of(
                "[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]",
                "[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]");
        for (int i = 0; i < deltas.size(); i++) {
            GenerateChunk.Builder chunk = chunk("", prompt, i + 1).setToolCallsJson(deltas.get(i));
            if (i == 0) {
                chunk.setPlacement(placement);
            }
            if (i == deltas.size() - 1) {
                chunk.setFinishReason(FinishReason.FINISH_REASON_TOOL_CALLS);
            }
            call.onNext(chunk.build());
        }
        call.onCompleted();
    }

    private RuntimeException refusal() {
        return (mode == Mode.BUSY ? Status.RESOURCE_EXHAUSTED.withDescription("queue full")
                : Status.UNAVAILABLE.withDescription("draining")).asRuntimeException();
    }

    private void reply(StreamObserver<GenerateChunk> call, List<String> words, int prompt, int maxTokens) {
        int limit = maxTokens > 0 ? Math.min(maxTokens, words.size()) : words.size();
        for (int i = 0; i < limit; i++) {
            GenerateChunk.Builder chunk = chunk((i == 0 ? "" : " ") + words.get(i), prompt, i + 1);
            if (i == 0) {
                chunk.setPlacement(placement);
            }
            if (i == limit - 1) {
                chunk.setFinishReason(limit < words.size() ? FinishReason.FINISH_REASON_LENGTH
                        : FinishReason.FINISH_REASON_STOP);
            }
            call.onNext(chunk.build());
        }
        call.onCompleted();
    }

    private static GenerateChunk.Builder chunk(String text, int prompt, int completion) {
        return GenerateChunk.newBuilder().setText(text).setPromptTokens(prompt).setCompletionTokens(completion);
    }

    private static String params(SamplingParams sampling) {
        return "temperature=" + sampling.getTemperature() + ";top_p=" + sampling.getTopP() + ";max_tokens="
                + sampling.getMaxTokens() + ";stop=" + sampling.getStopList() + ";seed="
                + (sampling.hasSeed() ? String.valueOf(sampling.getSeed()) : "none");
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
    }
}
