package io.civitas.tenant.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The current time at the precision PostgreSQL stores (microseconds), so values read back compare equal.
 */
public final class Now {

    private Now() {
    }

    public static Instant micros() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
