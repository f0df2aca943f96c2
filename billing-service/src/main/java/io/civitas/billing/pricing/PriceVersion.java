package io.civitas.billing.pricing;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of a model's price: in force from {@code validFrom} (UTC day) until the next version's.
 *
 * @param source "book:&lt;id&gt;" for a price book's price, "contract" for a tenant's override
 */
public record PriceVersion(String model, LocalDate validFrom, TokenPrices prices, String source) {

    public PriceVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(source, "source");
    }
}
