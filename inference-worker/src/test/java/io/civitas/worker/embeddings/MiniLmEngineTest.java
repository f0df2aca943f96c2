package io.civitas.worker.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.civitas.worker.engine.Embedding;

/** The real all-MiniLM-L6-v2 model on ONNX Runtime. */
class MiniLmEngineTest {

    private static final MiniLmEngine ENGINE = new MiniLmEngine();

    @BeforeAll
    static void load() {
        ENGINE.load();
    }

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void shouldEmbedInto384DimensionalUnitVectors() {
        // When
        List<Embedding> embeddings = ENGINE.embed(List.of("The cat sits on the mat", "Quarterly revenue grew"));

        // Then
        assertThat(embeddings).hasSize(2).allSatisfy(e -> {
            assertThat(e.values()).hasSize(MiniLmEngine.DIMENSIONS);
            assertThat(dot(e.values(), e.values())).isCloseTo(1.0, within(1e-4));
        });
    }

    @Test
    void shouldPlaceAParaphraseCloserThanAnUnrelatedSentence() {
        // When
        List<Embedding> e = ENGINE.embed(List.of("The cat sits on the mat", "A kitten is resting on the rug",
                "Quarterly revenue grew by eight percent"));

        // Then
        double paraphrase = dot(e.get(0).values(), e.get(1).values());
        double unrelated = dot(e.get(0).values(), e.get(2).values());
        assertThat(paraphrase).isGreaterThan(0.5);
        assertThat(unrelated).isLessThan(0.2);
    }

    @Test
    void shouldCountTheWordPieceTokensWithoutClsAndSep() {
        // When
        List<Embedding> e = ENGINE.embed(List.of("The cat sits on the mat", "hello world", "unbelievably"));

        // Then the lower-cased WordPiece split: the|cat|sits|on|the|mat, hello|world, un|##bel|##ie|##va|##bly
        assertThat(e).extracting(Embedding::tokens).containsExactly(6, 2, 5);
    }

    @Test
    void shouldEmbedTheSameTextIdentically() {
        // When
        List<Embedding> e = ENGINE.embed(List.of("hello world", "hello world"));

        // Then
        assertThat(e.get(0).values()).containsExactly(e.get(1).values());
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
