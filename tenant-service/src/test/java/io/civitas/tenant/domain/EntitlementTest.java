package io.civitas.tenant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntitlementTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-07-01T00:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "2025-12-31T23:59:59Z, true, false",
            "2026-01-01T00:00:00Z, true, true",
            "2026-06-30T23:59:59Z, true, true",
            "2026-07-01T00:00:00Z, true, false",
            "2026-03-01T00:00:00Z, false, false" })
    void shouldBeInForceOnlyWhenAcceptedAndWithinValidity(String at, boolean accepted, boolean expected) {
        // Given
        Entitlement entitlement = new Entitlement("llama-70b", "L-1", FROM, UNTIL, 0,
                accepted ? FROM.minusSeconds(60) : null, accepted ? "ministry-admin" : null);

        // When
        boolean inForce = entitlement.inForceAt(Instant.parse(at));

        // Then
        assertThat(inForce).isEqualTo(expected);
    }
}
