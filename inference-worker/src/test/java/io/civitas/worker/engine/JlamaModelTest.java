package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class JlamaModelTest {

    private static final PromptInput HELLO_CHAT = new PromptInput.Chat(List.of(new ChatMessage("user", "hello world")));

    private final JlamaModel model = TinyModel.get();

    @Test
    void shouldApplyTheChatTemplateWithBos() {
        // When
        int[] ids = model.promptIds(HELLO_CHAT);

        // Then
        assertThat(model.decode(ids)).isEqualTo(" [INST] hello world [/INST]");
        assertThat(ids).hasSize(5).startsWith(1);
    }

    @Test
    void shouldContinueAChatWithTheSuccessorTokens() {
        // Given
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        Optional<FinishReason> reason = model.generate(model.promptIds(HELLO_CHAT), Sampling.GREEDY.withMaxTokens(9),
                true, chunks::add, () -> false);

        // Then
        assertThat(reason).contains(FinishReason.LENGTH);
        assertThat(text(chunks)).isEqualTo("The quick brown fox jumps over the lazy dog");
        assertThat(chunks.getLast().completionTokens()).isEqualTo(9);
        assertThat(chunks).allSatisfy(c -> assertThat(c.promptTokens()).isEqualTo(5));
        assertThat(chunks).map(GenerationChunk::finishReason).filteredOn(Optional::isPresent).hasSize(1);
    }

    @Test
    void shouldPrefillAPromptLongerThanOneJlamaBatch() {
        // Given 601 prompt tokens; Jlama prefills in batches of 256
        int[] prompt = model.promptIds(new PromptInput.Text("hello world ".repeat(300).strip()));
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        model.generate(prompt, Sampling.GREEDY.withMaxTokens(3), false, chunks::add, () -> false);

        // Then
        assertThat(prompt).hasSize(601);
        assertThat(text(chunks)).isEqualTo(" once upon a");
    }

    @Test
    void shouldEmbedAnInputLongerThanOneBatch() {
        // When
        Embedding embedding = model.embed("the lazy dog ".repeat(100).strip());

        // Then
        assertThat(embedding.tokens()).isEqualTo(300);
        double norm = 0;
        for (float v : embedding.values()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void shouldStopAtTheEndOfSequenceToken() {
        // Given the successor of <s> is </s>
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        Optional<FinishReason> reason = model.generate(model.promptIds(new PromptInput.Text("hello<s>")),
                Sampling.GREEDY.withMaxTokens(10), false, chunks::add, () -> false);

        // Then
        assertThat(reason).contains(FinishReason.STOP);
        assertThat(chunks).singleElement().satisfies(c -> {
            assertThat(c.text()).isEmpty();
            assertThat(c.completionTokens()).isZero();
        });
    }

    @Test
    void shouldStopBeforeAStopString() {
        // Given
        List<GenerationChunk> chunks = new ArrayList<>();
        Sampling sampling = new Sampling(0f, 0f, 50, List.of("lazy"), OptionalLong.empty());

        // When
        Optional<FinishReason> reason = model.generate(model.promptIds(HELLO_CHAT), sampling, true, chunks::add,
                () -> false);

        // Then
        assertThat(reason).contains(FinishReason.STOP);
        assertThat(text(chunks)).isEqualTo("The quick brown fox jumps over the ");
        assertThat(chunks.getLast().completionTokens()).isEqualTo(8);
    }

    @Test
    void shouldStopWhenCancelled() {
        // Given
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        Optional<FinishReason> reason = model.generate(model.promptIds(HELLO_CHAT), Sampling.GREEDY.withMaxTokens(500),
                true, chunks::add, () -> chunks.size() >= 3);

        // Then
        assertThat(reason).isEmpty();
        assertThat(chunks).hasSize(3);
    }

    @Test
    void shouldDrawTheSameTokensForTheSameSeed() {
        // Given a temperature high enough to flatten the successor's margin
        Sampling sampling = new Sampling(60f, 0.9f, 12, List.of(), OptionalLong.of(7));

        // When
        String first = generate(sampling);
        String second = generate(sampling);

        // Then
        assertThat(first).isEqualTo(second).isNotEqualTo(generate(Sampling.GREEDY.withMaxTokens(12)));
    }

    @Test
    void shouldRejectAPromptThatDoesNotFitTheUsableContext() {
        // Given one token per character: '.' has no merges
        int[] prompt = model.promptIds(new PromptInput.Text(".".repeat(model.usableContext())));

        // When / Then
        assertThatThrownBy(() -> model.generate(prompt, Sampling.GREEDY.withMaxTokens(1), false, c -> { }, () -> false))
                .isInstanceOf(PromptTooLongException.class);
    }

    @Test
    void shouldDeleteTheKvPagesOfAFinishedGeneration() throws Exception {
        // When
        generate(Sampling.GREEDY.withMaxTokens(3));

        // Then
        try (Stream<java.nio.file.Path> files = Files.list(TinyModel.KV_DIR)) {
            assertThat(files).noneMatch(p -> p.toString().endsWith(".page"));
        }
    }

    @Test
    void shouldDeleteTheKvPagesOfACancelledGeneration() throws Exception {
        // Given
        List<GenerationChunk> chunks = new ArrayList<>();

        // When
        model.generate(model.promptIds(HELLO_CHAT), Sampling.GREEDY.withMaxTokens(500), true, chunks::add,
                () -> chunks.size() >= 2);

        // Then
        try (Stream<java.nio.file.Path> files = Files.list(TinyModel.KV_DIR)) {
            assertThat(files).noneMatch(p -> p.toString().endsWith(".page"));
        }
    }

    @Test
    void shouldEmbedIntoADeterministicUnitVector() {
        // When
        Embedding first = model.embed("hello world");
        Embedding again = model.embed("hello world");
        Embedding other = model.embed("the lazy dog");

        // Then
        double norm = 0;
        for (float v : first.values()) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(first.tokens()).isEqualTo(2);
        assertThat(first.values()).hasSize(256).containsExactly(again.values());
        assertThat(other.values()).isNotEqualTo(first.values());
    }

    private String generate(Sampling sampling) {
        List<GenerationChunk> chunks = new ArrayList<>();
        model.generate(model.promptIds(HELLO_CHAT), sampling, true, chunks::add, () -> false);
        return text(chunks);
    }

    private static String text(List<GenerationChunk> chunks) {
        return String.join("", chunks.stream().map(GenerationChunk::text).toList());
    }
}
