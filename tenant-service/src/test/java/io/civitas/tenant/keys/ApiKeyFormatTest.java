package io.civitas.tenant.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiKeyFormatTest {

    private final ApiKeyFormat format = new ApiKeyFormat(new SecureRandom());

    @ParameterizedTest
    @CsvSource({ "f,my", "fo,mzxq", "foo,mzxw6", "foob,mzxw6yq", "fooba,mzxw6ytb", "foobar,mzxw6ytboi" })
    void shouldEncodeRfc4648TestVectors(String input, String expected) {
        // When
        String encoded = Base32.encode(input.getBytes(StandardCharsets.US_ASCII));

        // Then
        assertThat(encoded).isEqualTo(expected);
    }

    @Test
    void shouldGenerateKeyThatParsesBackToItsId() {
        // Given
        PresentedApiKey generated = format.generate();

        // When
        PresentedApiKey parsed = ApiKeyFormat.parse(generated.fullKey()).orElseThrow();

        // Then
        assertThat(generated.fullKey()).matches("cvk_[a-z2-7]{16}_[a-z2-7]{59}");
        assertThat(parsed.keyId()).isEqualTo(generated.keyId());
        assertThat(parsed.prefix()).isEqualTo("cvk_" + generated.keyId());
    }

    @Test
    void shouldGenerateDistinctKeys() {
        // When
        PresentedApiKey first = format.generate();
        PresentedApiKey second = format.generate();

        // Then
        assertThat(first.keyId()).isNotEqualTo(second.keyId());
        assertThat(first.fullKey()).isNotEqualTo(second.fullKey());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "cvk", "cvk_abc_def", " cvk_aaaaaaaaaaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "cvk_aaaaaaaaaaaaaaa1_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "cvk_aaaaaaaaaaaaaaaa-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
    void shouldRejectMalformedKey(String presented) {
        // When
        Optional<PresentedApiKey> parsed = ApiKeyFormat.parse(presented);

        // Then
        assertThat(parsed).isEmpty();
    }

    @Test
    void shouldRejectKeyWithOneMistypedCharacter() {
        // Given
        String key = format.generate().fullKey();
        int position = 10;
        String typo = key.substring(0, position) + (key.charAt(position) == 'a' ? 'b' : 'a')
                + key.substring(position + 1);

        // When
        Optional<PresentedApiKey> parsed = ApiKeyFormat.parse(typo);

        // Then
        assertThat(parsed).isEmpty();
    }

    @Test
    void shouldRejectTruncatedKey() {
        // Given
        String key = format.generate().fullKey();

        // When
        Optional<PresentedApiKey> parsed = ApiKeyFormat.parse(key.substring(0, key.length() - 1));

        // Then
        assertThat(parsed).isEmpty();
    }

    @Test
    void shouldStillAcceptKeysOfTheFormatWithoutChecksum() {
        // Given
        String legacy = "cvk_aaaaaaaaaaaaaaaa_" + "b".repeat(52);

        // When
        Optional<PresentedApiKey> parsed = ApiKeyFormat.parse(legacy);

        // Then
        assertThat(parsed).map(PresentedApiKey::keyId).contains("aaaaaaaaaaaaaaaa");
    }

    @Test
    void shouldNotShowFullKeyInToString() {
        // Given
        PresentedApiKey key = format.generate();

        // When
        String text = key.toString();

        // Then
        assertThat(text).contains(key.keyId()).doesNotContain(key.fullKey());
    }
}
