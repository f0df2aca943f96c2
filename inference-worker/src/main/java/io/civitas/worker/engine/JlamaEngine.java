package io.civitas.worker.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.civitas.worker.model.TestModelGenerator;

/**
 * The jlama engine: a Hugging Face model directory run by {@link JlamaModel} in the worker's JVM. It neither calls
 * tools nor constrains the response format: such requests fail with {@link UnsupportedFeatureException}.
 */
public final class JlamaEngine implements ModelEngine {

    private static final Logger LOGGER = Logger.getLogger(JlamaEngine.class);
    private static final Sampling WARM_UP = Sampling.GREEDY.withMaxTokens(1);

    private final Path dir;
    private final boolean generateIfMissing;
    private final Path kvDir;
    private final int threads;
    private volatile JlamaModel model;

    /**
     * @param dir the model directory
     * @param generateIfMissing generate the tiny test model into dir when its config.json is absent
     * @param kvDir directory for the KV cache pages
     * @param threads matrix threads
     */
    public JlamaEngine(Path dir, boolean generateIfMissing, Path kvDir, int threads) {
        this.dir = dir;
        this.generateIfMissing = generateIfMissing;
        this.kvDir = kvDir;
        this.threads = threads;
    }

    @Override
    public void load() {
        if (!Files.exists(dir.resolve("config.json"))) {
            if (!generateIfMissing) {
                throw new IllegalStateException("no config.json in " + dir.toAbsolutePath());
            }
            LOGGER.infof("Generating the test model into %s", dir.toAbsolutePath());
            TestModelGenerator.generate(dir);
        }
        model = JlamaModel.load(dir, kvDir, threads);
    }

    @Override
    public void warmUp() {
        JlamaModel m = loaded();
        m.generate(m.promptIds(new PromptInput.Text("warm up")), WARM_UP, false, chunk -> { }, () -> false);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(loaded().usableContext(), true, true, false);
    }

    @Override
    public Optional<FinishReason> generate(GenerationRequest request, Consumer<GenerationChunk> sink,
            Cancellation cancellation) {
        if (request.input() instanceof PromptInput.Chat chat && chat.usesTools()) {
            throw new UnsupportedFeatureException("the jlama engine supports neither tools nor response_format");
        }
        JlamaModel m = loaded();
        return m.generate(m.promptIds(request.input()), request.sampling(),
                request.input() instanceof PromptInput.Chat, sink, cancellation);
    }

    @Override
    public List<Embedding> embed(List<String> inputs) {
        JlamaModel m = loaded();
        return inputs.stream().map(m::embed).toList();
    }

    /** The usable context less the positions the running generation holds (one sequence at a time); 0 unloaded. */
    @Override
    public OptionalLong freeKvTokens() {
        JlamaModel m = model;
        return OptionalLong.of(m == null ? 0 : m.usableContext() - m.positionsInUse());
    }

    private JlamaModel loaded() {
        JlamaModel m = model;
        if (m == null) {
            throw new ModelNotReadyException("the model is not loaded yet");
        }
        return m;
    }

    @Override
    public void close() {
        JlamaModel m = model;
        if (m != null) {
            m.close();
        }
    }
}
