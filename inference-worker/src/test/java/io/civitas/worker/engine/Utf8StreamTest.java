package io.civitas.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8StreamTest {

    @Test
    void shouldHoldBackAnIncompleteMultiByteCharacter() {
        // Given "€" is E2 82 AC
        Utf8Stream stream = new Utf8Stream();

        // When
        String first = stream.append(new byte[] {'a', (byte) 0xE2});
        String second = stream.append(new byte[] {(byte) 0x82});
        String third = stream.append(new byte[] {(byte) 0xAC, 'b'});

        // Then
        assertThat(first).isEqualTo("a");
        assertThat(second).isEmpty();
        assertThat(third).isEqualTo("€b");
    }

    @Test
    void shouldReleaseInvalidBytesAsReplacementCharacters() {
        // Given a lead byte followed by another lead byte
        Utf8Stream stream = new Utf8Stream();

        // When
        String text = stream.append(new byte[] {(byte) 0xE2, (byte) 0xE3}) + stream.flush();

        // Then
        assertThat(text).isEqualTo(new String(new byte[] {(byte) 0xE2, (byte) 0xE3}, StandardCharsets.UTF_8));
    }

    @Test
    void shouldFlushAnUnfinishedSequence() {
        // Given
        Utf8Stream stream = new Utf8Stream();
        stream.append(new byte[] {(byte) 0xF0, (byte) 0x9F});

        // When
        String rest = stream.flush();

        // Then
        assertThat(rest).isEqualTo("\uFFFD");
    }
}
