package io.civitas.worker.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.github.tjake.jlama.model.AbstractModel;
import com.github.tjake.jlama.model.ModelSupport;
import com.github.tjake.jlama.safetensors.Config;
import com.github.tjake.jlama.safetensors.DType;
import com.github.tjake.jlama.safetensors.WeightLoader;
import com.github.tjake.jlama.tensor.AbstractTensor;
import com.github.tjake.jlama.tensor.KvBufferCache;

/**
 * A model loaded into Jlama (pure Java, Vector API) with the worker's own token loop: prefill, then one forward
 * pass per token, sampling, detokenization and stop handling. Not thread-safe: one caller at a time.
 *
 * <p>The KV cache of a generation lives in memory-mapped page files under {@code kvDir}; they are deleted when the
 * generation ends. Jlama's RoPE table indexing makes the last {@code 2 * heads} positions unusable, so the usable
 * context (prompt plus completion) is {@code max_position_embeddings - 2 * heads}.
 */
public final class JlamaModel implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(JlamaModel.class);
    private static final int EMBED_BATCH = 64;

    private final AbstractModel model;
    private final WeightLoader weights;
    private final Path kvDir;
    private final BpeEncoder encoder;
    private final Detokenizer detokenizer;
    private final List<Integer> eosTokens;
    private final int bosToken;
    private final int vocabularySize;
    private final int hiddenSize;
    private final int usableContext;
    private final ForkJoinPool computeThread = new ForkJoinPool(1);
    private volatile int positionsInUse;

    private JlamaModel(AbstractModel model, WeightLoader weights, Path kvDir) {
        Config c = model.getConfig();
        this.model = model;
        this.weights = weights;
        this.kvDir = kvDir;
        this.encoder = new BpeEncoder(model.getTokenizer());
        this.vocabularySize = c.vocabularySize;
        this.detokenizer = new Detokenizer(model.getTokenizer().getModel(), c.vocabularySize);
        this.eosTokens = List.copyOf(c.eosTokens);
        this.bosToken = c.bosToken;
        this.hiddenSize = c.embeddingLength;
        this.usableContext = c.contextLength - 2 * c.numberOfHeads;
    }

    /** Loads the Hugging Face layout model in {@code modelDir}, with F32 working memory and KV pages in kvDir. */
    public static JlamaModel load(Path modelDir, Path kvDir, int threads) {
        try {
            Files.createDirectories(kvDir);
            deletePages(kvDir, "*.page");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the KV directory " + kvDir, e);
        }
        JlamaRuntime.install(threads);
        WeightLoader weights = HugePageWeights.load(modelDir.toFile());
        try {
            AbstractModel model = ModelSupport.loadModel(AbstractModel.InferenceType.FULL_GENERATION,
                    modelDir.toFile(), kvDir.toFile(), DType.F32, DType.F32, keepBf16(weights), Optional.empty(),
                    Optional.empty(), dir -> weights);
            return new JlamaModel(model, weights, kvDir);
        } catch (RuntimeException e) {
            closeQuietly(weights);
            throw e;
        }
    }

    /**
     * BF16 for a BF16 model: its weights stay as they are while activations stay F32. Left empty, Jlama would round
     * every activation to BF16 before each matrix product, in a scalar loop on the generating thread.
     */
    private static Optional<DType> keepBf16(WeightLoader weights) {
        return weights.getModelDType() == DType.BF16 ? Optional.of(DType.BF16) : Optional.empty();
    }

    private static void closeQuietly(WeightLoader weights) {
        try {
            weights.close();
        } catch (Exception e) {
            LOGGER.warnf("Could not release the model's weights: %s", e.getMessage());
        }
    }

    /** KV-cache positions the running generation holds (prompt and tokens so far); 0 between generations. */
    public int positionsInUse() {
        return positionsInUse;
    }

    /** Positions available to prompt plus completion. */
    public int usableContext() {
        return usableContext;
    }

    /** The token ids the model sees for this input: BOS, then the (templated) text. */
    public int[] promptIds(PromptInput input) {
        String text = switch (input) {
            case PromptInput.Text t -> t.text();
            case PromptInput.Chat c -> ChatTemplate.render(c.messages());
        };
        int[] encoded = encoder.encode(text);
        int[] ids = new int[encoded.length + 1];
        ids[0] = bosToken;
        System.arraycopy(encoded, 0, ids, 1, encoded.length);
        return ids;
    }

    /** The text of a sequence of ids, as the completion's deltas would spell it (without a chat's first space). */
    public String decode(int[] ids) {
        return detokenizer.decode(ids);
    }

    /**
     * Generates a completion, sending chunks to {@code sink} (the last carries the finish reason).
     *
     * @param prompt ids from {@link #promptIds}
     * @param sampling settings; maxTokens must be positive
     * @param chat whether the completion is a chat reply (its leading space is dropped)
     * @return the finish reason, or empty when {@code cancelled} became true first
     */
    public Optional<FinishReason> generate(int[] prompt, Sampling sampling, boolean chat,
            Consumer<GenerationChunk> sink, BooleanSupplier cancelled) {
        return onComputeThread(() -> generateHere(prompt, sampling, chat, sink, cancelled));
    }

    private Optional<FinishReason> generateHere(int[] prompt, Sampling sampling, boolean chat,
            Consumer<GenerationChunk> sink, BooleanSupplier cancelled) {
        if (prompt.length >= usableContext) {
            throw new PromptTooLongException(prompt.length, usableContext);
        }
        if (sampling.maxTokens() <= 0) {
            throw new IllegalArgumentException("maxTokens must be resolved before generating");
        }
        int limit = Math.min(sampling.maxTokens(), usableContext - prompt.length);
        TokenSampler sampler = new TokenSampler(sampling);
        CompletionText text = new CompletionText(detokenizer, sampling.stop(), chat);
        UUID session = UUID.randomUUID();
        KvBufferCache cache = new KvBufferCache(model);
        try (AbstractTensor logits = model.makeDenseTensor(1, vocabularySize)) {
            KvBufferCache.KvBuffer kv = cache.getKvBuffer(session);
            positionsInUse = prompt.length;
            int next = prefill(prompt, kv, sampler, logits);
            int generated = 0;
            while (!cancelled.getAsBoolean()) {
                if (eosTokens.contains(next)) {
                    return finish(sink, text.finish(), prompt.length, generated, FinishReason.STOP);
                }
                generated++;
                String delta = text.accept(next);
                if (text.stopped()) {
                    return finish(sink, delta + text.finish(), prompt.length, generated, FinishReason.STOP);
                }
                if (generated >= limit) {
                    return finish(sink, delta + text.finish(), prompt.length, generated, FinishReason.LENGTH);
                }
                if (!delta.isEmpty()) {
                    sink.accept(new GenerationChunk(delta, prompt.length, generated, Optional.empty()));
                }
                positionsInUse = prompt.length + generated;
                next = step(next, prompt.length + generated - 1, kv, sampler, logits);
            }
            return Optional.empty();
        } finally {
            positionsInUse = 0;
            cache.close();
            deleteSessionPages(session);
        }
    }

    private static Optional<FinishReason> finish(Consumer<GenerationChunk> sink, String text, int promptTokens,
            int generated, FinishReason reason) {
        sink.accept(new GenerationChunk(text, promptTokens, generated, Optional.of(reason)));
        return Optional.of(reason);
    }

    private int prefill(int[] prompt, KvBufferCache.KvBuffer kv, TokenSampler sampler, AbstractTensor logits) {
        AbstractTensor hidden = model.batchForward(prompt, 0, kv);
        try {
            return choose(hidden.slice(hidden.shape().first() - 1), sampler, logits);
        } finally {
            hidden.close();
        }
    }

    private int step(int token, int position, KvBufferCache.KvBuffer kv, TokenSampler sampler,
            AbstractTensor logits) {
        AbstractTensor hidden = model.forward(token, position, kv, Optional.empty());
        try {
            return choose(hidden, sampler, logits);
        } finally {
            hidden.close();
        }
    }

    private int choose(AbstractTensor hidden, TokenSampler sampler, AbstractTensor logits) {
        int argmax = model.sample(hidden, 0f, 0f, logits);
        if (sampler.greedy()) {
            return argmax;
        }
        float[] values = new float[vocabularySize];
        for (int i = 0; i < vocabularySize; i++) {
            values[i] = logits.get(0, i);
        }
        return sampler.choose(argmax, values);
    }

    /**
     * Embeds a text: the mean of the last layer's hidden states over its tokens (no BOS), L2-normalised.
     *
     * @return the vector and the number of tokens
     */
    public Embedding embed(String text) {
        return onComputeThread(() -> embedHere(text));
    }

    /**
     * Runs work on this model's compute thread, a fork/join worker of its own one-thread pool: Jlama's parallel loops
     * then run on that thread in turn (see {@link JlamaRuntime}) while matrix products are split across the
     * {@link MatVecTeam}. The caller waits; what the work throws is rethrown as it was.
     */
    private <T> T onComputeThread(Supplier<T> work) {
        Object[] outcome = new Object[2];
        ForkJoinTask<?> task = computeThread.submit(() -> {
            try {
                outcome[0] = work.get();
            } catch (Throwable t) {
                outcome[1] = t;
            }
        });
        task.quietlyJoin();
        if (outcome[1] instanceof RuntimeException e) {
            throw e;
        }
        if (outcome[1] instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
    }

    private Embedding embedHere(String text) {
        int[] ids = encoder.encode(text);
        if (ids.length == 0) {
            throw new InvalidRequestException("embedding inputs must not be empty");
        }
        if (ids.length >= usableContext) {
            throw new PromptTooLongException(ids.length, usableContext);
        }
        float[] sum = new float[hiddenSize];
        KvBufferCache cache = new KvBufferCache(model);
        try (KvBufferCache.KvBuffer kv = cache.getEphemeralKvBuffer()) {
            for (int start = 0; start < ids.length; start += EMBED_BATCH) {
                int[] batch = Arrays.copyOfRange(ids, start, Math.min(ids.length, start + EMBED_BATCH));
                AbstractTensor hidden = model.batchForward(batch, start, kv);
                try {
                    for (int row = 0; row < batch.length; row++) {
                        for (int i = 0; i < hiddenSize; i++) {
                            sum[i] += hidden.get(row, i);
                        }
                    }
                } finally {
                    hidden.close();
                }
            }
        }
        return new Embedding(normalise(sum), ids.length);
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    private void deleteSessionPages(UUID session) {
        try {
            deletePages(kvDir, session + "-*.page");
        } catch (IOException e) {
            LOGGER.warnf("Could not delete KV pages of session %s: %s", session, e.getMessage());
        }
    }

    private static void deletePages(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(dir, glob)) {
            for (Path page : pages) {
                Files.deleteIfExists(page);
            }
        }
    }

    @Override
    public void close() {
        computeThread.shutdown();
        model.close();
        closeQuietly(weights);
    }
}
