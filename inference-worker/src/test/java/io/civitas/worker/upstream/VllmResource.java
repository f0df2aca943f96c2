package io.civitas.worker.upstream;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts a {@link VllmDouble} before the worker and configures an openai-upstream model on it ({@value #MODEL}, marked
 * as not needing a GPU: this machine has none). With the init argument {@code hold-warm-up=true} the double holds its
 * first completion (the worker's warm-up) until {@link #releaseWarmUp()}.
 */
public class VllmResource implements QuarkusTestResourceLifecycleManager {

    /** The model id the worker serves on the double. */
    public static final String MODEL = "mistral-7b";

    private static volatile VllmDouble vllm;
    private static volatile CompletableFuture<Void> warmUp = CompletableFuture.completedFuture(null);
    private boolean holdWarmUp;

    @Override
    public void init(Map<String, String> initArgs) {
        holdWarmUp = Boolean.parseBoolean(initArgs.getOrDefault("hold-warm-up", "false"));
    }

    @Override
    public Map<String, String> start() {
        try {
            vllm = VllmDouble.start();
        } catch (Exception e) {
            throw new IllegalStateException("the vLLM double did not start", e);
        }
        if (holdWarmUp) {
            warmUp = new CompletableFuture<>();
            vllm.next(VllmDouble.Reply.text(2, "!").heldUntil(warmUp));
        }
        String prefix = "civitas.worker.models." + MODEL + ".";
        return Map.of(prefix + "engine", "openai-upstream", prefix + "upstream-url", vllm.baseUrl().toString(),
                prefix + "upstream-model", VllmDouble.SERVED_MODEL, prefix + "requires-gpu", "false",
                "civitas.worker.upstream.cache-salt-secret", "test-secret");
    }

    /** The running double. */
    public static VllmDouble vllm() {
        return vllm;
    }

    /** Lets the held warm-up answer. */
    public static void releaseWarmUp() {
        warmUp.complete(null);
    }

    @Override
    public void stop() {
        try {
            vllm.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
