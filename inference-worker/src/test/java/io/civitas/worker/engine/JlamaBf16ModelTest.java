package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tjake.jlama.tensor.operations.TensorOperationsProvider;

/** The BF16 path end to end: weights on huge pages, the worker's matrix-vector product, its thread team. */
class JlamaBf16ModelTest {

    private static JlamaModel model;

    @BeforeAll
    static void load() {
        HugePageWeightsTest.generateBf16();
        model = JlamaModel.load(HugePageWeightsTest.BF16_DIR, Path.of("target", "unit-kv-bf16"), 2);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void shouldDecodeTheSuccessorTokensThroughTheWorkersOperations() {
        // Given
        PromptInput chat = new PromptInput.Chat(List.of(new ChatMessage("user", "hello world")));
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        model.generate(model.promptIds(chat), Sampling.GREEDY.withMaxTokens(9), true, chunks::add, () -> false);

        // Then
        assertThat(TensorOperationsProvider.get()).isInstanceOf(Bf16MatVecOperations.class);
        assertThat(chunks.stream().map(GenerationChunk::text).reduce("", String::concat))
                .isEqualTo("The quick brown fox jumps over the lazy dog");
    }

    @Test
    void shouldRethrowWhatTheComputeThreadThrows() {
        int[] tooLong = new int[model.usableContext()];
        assertThatThrownBy(() -> model.generate(tooLong,
                Sampling.GREEDY.withMaxTokens(1), false, c -> { }, () -> false))
                .isInstanceOf(PromptTooLongException.class);
    }
}
