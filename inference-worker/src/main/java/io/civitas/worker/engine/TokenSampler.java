package io.civitas.worker.engine;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Chooses the next token from the logits: the arg-max when the temperature is 0, otherwise a draw from the
 * temperature-scaled softmax, restricted to the smallest set of most likely tokens whose probability reaches
 * top_p when 0 &lt; top_p &lt; 1.
 */
final class TokenSampler {

    private final float temperature;
    private final float topP;
    private final Random random;

    TokenSampler(Sampling sampling) {
        this.temperature = sampling.temperature();
        this.topP = sampling.topP();
        this.random = sampling.seed().isPresent() ? new Random(sampling.seed().getAsLong()) : new Random();
    }

    boolean greedy() {
        return temperature == 0f;
    }

    /** Chooses a token; {@code argmax} is the most likely one, {@code logits} all raw logits. */
    int choose(int argmax, float[] logits) {
        if (greedy()) {
            return argmax;
        }
        double max = logits[argmax];
        double[] weights = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - max) / temperature);
        }
        Integer[] candidates = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
        int kept = candidates.length;
        if (topP > 0f && topP < 1f) {
            Arrays.sort(candidates, Comparator.comparingDouble((Integer i) -> weights[i]).reversed());
            double total = Arrays.stream(weights).sum();
            double cumulative = 0;
            for (kept = 0; kept < candidates.length && cumulative < topP * total; kept++) {
                cumulative += weights[candidates[kept]];
            }
        }
        double sum = 0;
        for (int i = 0; i < kept; i++) {
            sum += weights[candidates[i]];
        }
        double draw = random.nextDouble() * sum;
        for (int i = 0; i < kept; i++) {
            draw -= weights[candidates[i]];
            if (draw < 0) {
                return candidates[i];
            }
        }
        return candidates[kept - 1];
    }
}
