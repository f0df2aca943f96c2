package io.civitas.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void shouldDecodeWhatItEncoded() {
        // Given
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-23T20:58:01.123456Z"), "mfrggzdfmztwq2lk");

        // When
        PageCursor decoded = PageCursor.decode(cursor.encode());

        // Then
        assertThat(decoded).isEqualTo(cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = { "%%%", "bm90LWEtY3Vyc29y", "eDox" })
    void shouldRefuseMalformedCursor(String encoded) {
        // When
        Throwable failure = catchThrowable(() -> PageCursor.decode(encoded));

        // Then
        assertThat(failure).isInstanceOf(InvalidRequestException.class).hasMessage("cursor is not valid");
    }
}
