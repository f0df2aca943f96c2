package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class TokenSamplerTest {

    /** Token 0 most likely, token 1 next (e^-1 as likely), the rest e^-10 as likely as token 0. */
    private static final float[] LOGITS = {10f, 9f, 0f, 0f, 0f, 0f, 0f, 0f};

    @Test
    void shouldPickTheArgmaxWhenGreedy() {
        // Given
        TokenSampler sampler = new TokenSampler(sampling(0f, 0f, 1));

        // When
        List<Integer> draws = draw(sampler, 20);

        // Then
        assertThat(draws).containsOnly(0);
    }

    @Test
    void shouldKeepOnlyTheSmallestSetReachingTopP() {
        // Given top_p 0.9: token 0 alone holds 0.73 of the mass, tokens 0 and 1 hold 0.9998
        TokenSampler sampler = new TokenSampler(sampling(1f, 0.9f, 3));

        // When
        Set<Integer> drawn = new TreeSet<>(draw(sampler, 300));

        // Then
        assertThat(drawn).containsExactly(0, 1);
    }

    @Test
    void shouldDrawFromTheWholeVocabularyAtAHighTemperatureWithoutTopP() {
        // Given
        TokenSampler sampler = new TokenSampler(sampling(100f, 0f, 5));

        // When
        Set<Integer> drawn = new TreeSet<>(draw(sampler, 300));

        // Then
        assertThat(drawn).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void shouldRepeatTheDrawsForTheSameSeedOnly() {
        // When
        List<Integer> first = draw(new TokenSampler(sampling(5f, 0f, 42)), 50);
        List<Integer> again = draw(new TokenSampler(sampling(5f, 0f, 42)), 50);
        List<Integer> otherSeed = draw(new TokenSampler(sampling(5f, 0f, 43)), 50);

        // Then
        assertThat(first).isEqualTo(again).isNotEqualTo(otherSeed);
    }

    private static List<Integer> draw(TokenSampler sampler, int n) {
        return IntStream.range(0, n).mapToObj(i -> sampler.choose(0, LOGITS)).toList();
    }

    private static Sampling sampling(float temperature, float topP, long seed) {
        return new Sampling(temperature, topP, 1, List.of(), OptionalLong.of(seed));
    }
}
