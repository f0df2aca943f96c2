package io.civitas.worker.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Token counters and latency timers of one model (Prometheus histograms for the timers). */
public final class ModelMeters {

    static final String MODEL = "model";
    static final String PROMPT_TOKENS = "civitas.worker.prompt.tokens";
    static final String COMPLETION_TOKENS = "civitas.worker.completion.tokens";
    static final String TIME_TO_FIRST_TOKEN = "civitas.worker.time.to.first.token";
    static final String INTER_TOKEN_LATENCY = "civitas.worker.inter.token.latency";

    private final Counter promptTokens;
    private final Counter completionTokens;
    private final Timer timeToFirstToken;
    private final Timer interTokenLatency;

    public ModelMeters(MeterRegistry registry, String model) {
        promptTokens = Counter.builder(PROMPT_TOKENS).description("Prompt tokens of generations (template applied)")
                .tag(MODEL, model).register(registry);
        completionTokens = Counter.builder(COMPLETION_TOKENS).description("Generated tokens").tag(MODEL, model)
                .register(registry);
        timeToFirstToken = Timer.builder(TIME_TO_FIRST_TOKEN)
                .description("From a generation's arrival (queue wait included) to its first streamed token")
                .tag(MODEL, model).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
        interTokenLatency = Timer.builder(INTER_TOKEN_LATENCY).description("Time between consecutive generated tokens")
                .tag(MODEL, model).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    /** Counts the prompt of a generation. */
    public void promptTokens(int tokens) {
        promptTokens.increment(tokens);
    }

    /** Counts tokens just generated. */
    public void completionTokens(int tokens) {
        completionTokens.increment(tokens);
    }

    /** Records the time from a generation's arrival to its first token. */
    public void timeToFirstToken(Duration latency) {
        timeToFirstToken.record(latency);
    }

    /** Records the time between two consecutive tokens. */
    public void interTokenLatency(Duration latency) {
        interTokenLatency.record(latency);
    }
}
