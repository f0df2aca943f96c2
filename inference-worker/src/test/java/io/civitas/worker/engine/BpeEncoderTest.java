package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tjake.jlama.model.llama.LlamaTokenizer;

class BpeEncoderTest {

    private static final LlamaTokenizer JLAMA = jlama();

    private static LlamaTokenizer jlama() {
        TinyModel.get();
        return new LlamaTokenizer(TinyModel.DIR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world", "  leading and  double  spaces ", "The quick brown fox.",
            "[INST] sys\n\nhello [/INST] yes</s>[INST] again [/INST]", "Grüße, 東京 and emoji 🙂!", "<s>", "a<s>b",
            "thethethe the the", "x"})
    void shouldEncodeExactlyLikeJlama(String text) {
        // Given
        int[] expected = Arrays.stream(JLAMA.encode(text)).mapToInt(Math::toIntExact).toArray();

        // When
        int[] ids = new BpeEncoder(JLAMA).encode(text);

        // Then
        assertThat(ids).containsExactly(expected);
    }
}
