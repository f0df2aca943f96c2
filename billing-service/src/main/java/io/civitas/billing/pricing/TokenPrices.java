package io.civitas.billing.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Prices per million tokens, exact decimals. When no cached-input price is given, cached input tokens cost the input
 * price (no discount unless a price book grants one).
 */
public record TokenPrices(BigDecimal inputPerMillion, BigDecimal outputPerMillion, BigDecimal cachedInputPerMillion) {

    private static final int PER_MILLION_SHIFT = 6;

    public TokenPrices {
        requireNonNegative(inputPerMillion, "inputPerMillion");
        requireNonNegative(outputPerMillion, "outputPerMillion");
        if (cachedInputPerMillion != null) {
            requireNonNegative(cachedInputPerMillion, "cachedInputPerMillion");
        }
    }

    /** The price per million tokens of {@code tokenClass}. */
    public BigDecimal perMillion(TokenClass tokenClass) {
        return switch (tokenClass) {
            case INPUT -> inputPerMillion;
            case CACHED_INPUT -> cachedInputPerMillion == null ? inputPerMillion : cachedInputPerMillion;
            case OUTPUT -> outputPerMillion;
        };
    }

    /** The exact amount of {@code tokens} tokens of {@code tokenClass}: tokens × price ÷ 1,000,000, unrounded. */
    public BigDecimal amount(TokenClass tokenClass, long tokens) {
        return amount(perMillion(tokenClass), tokens);
    }

    /** tokens × price per million ÷ 1,000,000, exact. */
    public static BigDecimal amount(BigDecimal perMillion, long tokens) {
        BigDecimal amount = perMillion.multiply(BigDecimal.valueOf(tokens)).movePointLeft(PER_MILLION_SHIFT);
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }

    private static void requireNonNegative(BigDecimal value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }
}
