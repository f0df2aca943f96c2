package io.civitas.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import io.civitas.worker.engine.GenerationChunk;
import io.civitas.worker.engine.JlamaModel;
import io.civitas.worker.engine.PromptInput;
import io.civitas.worker.engine.Sampling;
import io.civitas.worker.model.ModelShape;
import io.civitas.worker.model.TestModelGenerator;

/**
 * Decode speed of the Jlama engine on a generated 1B-class Llama (TinyLlama-1.1B's shape, BF16 weights as such models
 * ship) against the memory-bandwidth roofline: a decode step reads every weight but the embedding table once, so
 * tokens/s cannot exceed (read bandwidth) / (bytes of weights per token). The bandwidth is measured in the same run
 * with the engine's thread count (best of eight passes). Decode is timed after three warm-up generations (the JIT
 * compiler's work done); the best of five generations is set against the best bandwidth pass, the medians printed
 * beside. {@code -Dbench.shape=tiny} runs it on the tiny model instead; {@code -Dbench.tokens} sets the tokens
 * decoded (default 32).
 */
class DecodeRooflineBench {

    private static final int THREADS = 2;
    private static final long BANDWIDTH_BYTES = 1L << 30;
    private static final int BANDWIDTH_PASSES = 8;
    private static final int WARM_UP_GENERATIONS = 3;
    private static final int MEASURED_GENERATIONS = 5;
    private static final int PREFILL_TOKENS = Integer.getInteger("bench.prefill-tokens", 64);

    @Test
    void decodeAgainstTheRoofline() {
        boolean tiny = "tiny".equals(System.getProperty("bench.shape"));
        ModelShape shape = tiny ? ModelShape.TINY : ModelShape.LLAMA_1B;
        int bytesPerWeight = tiny ? 4 : 2;
        int tokens = Integer.getInteger("bench.tokens", 32);
        Path dir = Path.of("target", "bench-model", tiny ? "tiny-f32" : "llama-1b-bf16");

        long generateMillis = generateIfAbsent(dir, shape, !tiny);
        double readGbPerSecond = readBandwidth();
        JlamaModel model = JlamaModel.load(dir, Path.of("target", "bench-kv"), THREADS);
        int[] prompt = model.promptIds(new PromptInput.Text("once upon a time there was a little girl named lily"));
        for (int i = 0; i < WARM_UP_GENERATIONS; i++) {
            decode(model, prompt, 16);
        }
        double[] runs = new double[MEASURED_GENERATIONS];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = decode(model, prompt, tokens);
        }
        Arrays.sort(runs);
        int[] longPrompt = longPrompt(model, PREFILL_TOKENS);
        double[] prefills = new double[MEASURED_GENERATIONS];
        for (int i = 0; i < prefills.length; i++) {
            prefills[i] = prefillMillis(model, longPrompt);
        }
        Arrays.sort(prefills);
        double tokensPerSecond = runs[runs.length - 1];
        double median = runs[runs.length / 2];
        String hugePages = anonymousHugePages();
        model.close();

        double bytesPerToken = (double) shape.parametersReadPerToken() * bytesPerWeight;
        double roofline = readGbPerSecond * 1e9 / bytesPerToken;
        BenchReport.publish("decode-roofline", String.format("""
                Worker decode vs memory-bandwidth roofline
                  model            %s, %.3f B parameters, %s, %d prompt tokens, %d tokens decoded (greedy)
                  threads          %d (matrix threads; bandwidth measured with as many)
                  huge pages       %s
                  generated in     %s
                  read bandwidth   %.2f GB/s (best of %d passes, Vector API sums over %d MiB)
                  bytes per token  %.3f GB (all weights but the embedding table)
                  roofline         %.2f tokens/s
                  measured decode  %.2f tokens/s (best of %d generations; median %.2f)
                  ratio            %.0f %% of the roofline (best against best; median %.0f %%)
                  prefill          %d prompt tokens to the first token in %.0f ms (best of %d; median %.0f ms):
                                   %.0f prompt tokens/s, %.0f GFLOP/s in the matrix products
                """, dir.getFileName(), shape.parameters() / 1e9, bytesPerWeight == 2 ? "BF16" : "F32", prompt.length,
                tokens, THREADS, hugePages, generateMillis < 0 ? "(reused)" : generateMillis + " ms", readGbPerSecond,
                BANDWIDTH_PASSES, BANDWIDTH_BYTES >> 20, bytesPerToken / 1e9, roofline, tokensPerSecond, runs.length,
                median, 100 * tokensPerSecond / roofline, 100 * median / roofline, longPrompt.length, prefills[0],
                prefills.length, prefills[prefills.length / 2], longPrompt.length / (prefills[0] / 1e3),
                2.0 * shape.parametersReadPerToken() * longPrompt.length / (prefills[0] / 1e3) / 1e9));
        assertThat(tokensPerSecond).isPositive();
    }

    private static long generateIfAbsent(Path dir, ModelShape shape, boolean bf16) {
        if (Files.exists(dir.resolve("model.safetensors"))) {
            return -1;
        }
        long start = System.nanoTime();
        new TestModelGenerator().generate(dir, shape, TestModelGenerator.DEFAULT_SEED, bf16);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The process's anonymous memory on transparent huge pages (the weights' copies), from smaps_rollup. */
    private static String anonymousHugePages() {
        try {
            return Files.readAllLines(Path.of("/proc/self/smaps_rollup")).stream()
                    .filter(line -> line.startsWith("AnonHugePages:"))
                    .map(line -> line.replaceAll("\\s+", " ").substring("AnonHugePages: ".length()))
                    .findFirst().orElse("unknown");
        } catch (java.io.IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** A prompt of {@code length} tokens: a sentence's ids repeated. */
    private static int[] longPrompt(JlamaModel model, int length) {
        int[] sentence = model.promptIds(new PromptInput.Text(" and the little girl went to the park to play"));
        int[] prompt = new int[length];
        for (int i = 0; i < length; i++) {
            prompt[i] = sentence[i % sentence.length];
        }
        return prompt;
    }

    /** Milliseconds from the call to the first generated token: the prompt's prefill and one sampling step. */
    private static double prefillMillis(JlamaModel model, int[] prompt) {
        long start = System.nanoTime();
        long[] first = {0};
        model.generate(prompt, Sampling.GREEDY.withMaxTokens(1), false, c -> first[0] = System.nanoTime(), () -> false);
        return (first[0] - start) / 1e6;
    }

    /** Decode tokens/s: tokens after the first one over the time from the first token to the last. */
    private static double decode(JlamaModel model, int[] prompt, int tokens) {
        List<long[]> marks = new ArrayList<>();
        model.generate(prompt, Sampling.GREEDY.withMaxTokens(tokens), false,
                (GenerationChunk c) -> marks.add(new long[] {System.nanoTime(), c.completionTokens()}), () -> false);
        assertThat(marks.getLast()[1]).isEqualTo(tokens);
        long[] first = marks.getFirst();
        long[] last = marks.getLast();
        return (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    }

    /**
     * Read bandwidth in GB/s: THREADS threads each summing its share of a 1 GiB float array with the Vector API (as
     * Jlama reads its weights), best pass.
     */
    private static double readBandwidth() {
        float[] data = new float[(int) (BANDWIDTH_BYTES / Float.BYTES)];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 7;
        }
        int share = data.length / THREADS;
        double best = 0;
        double checksum = 0;
        for (int pass = 0; pass < BANDWIDTH_PASSES; pass++) {
            long start = System.nanoTime();
            checksum += IntStream.range(0, THREADS).parallel()
                    .mapToDouble(t -> sum(data, t * share, (t + 1) * share)).sum();
            double seconds = (System.nanoTime() - start) / 1e9;
            best = Math.max(best, BANDWIDTH_BYTES / seconds / 1e9);
        }
        assertThat(checksum).isPositive();
        return best;
    }

    private static float sum(float[] data, int from, int to) {
        VectorSpecies<Float> species = FloatVector.SPECIES_PREFERRED;
        FloatVector a = FloatVector.zero(species);
        FloatVector b = FloatVector.zero(species);
        int step = 2 * species.length();
        int i = from;
        for (; i + step <= to; i += step) {
            a = a.add(FloatVector.fromArray(species, data, i));
            b = b.add(FloatVector.fromArray(species, data, i + species.length()));
        }
        float s = a.add(b).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += data[i];
        }
        return s;
    }
}
