package io.civitas.billing.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** Request bodies of the price book API. */
public final class PriceRequests {

    private PriceRequests() {
    }

    /** POST /billing/v1/price-books */
    public record CreateBook(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}", message = "must be 1-64 of a-z 0-9 . _ -") String id,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    /** A price version: prices per million tokens, valid from a UTC day. */
    public record NewPrice(
            @NotBlank String model,
            @NotNull LocalDate validFrom,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 9) BigDecimal inputPerMillion,
            @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 9) BigDecimal outputPerMillion,
            @DecimalMin("0") @Digits(integer = 12, fraction = 9) BigDecimal cachedInputPerMillion) {

        TokenPrices prices() {
            return new TokenPrices(inputPerMillion, outputPerMillion, cachedInputPerMillion);
        }
    }
}
