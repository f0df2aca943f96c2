package io.civitas.billing.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Response bodies of the price book API; decimals are strings, exactly as stored. */
public final class PriceViews {

    private PriceViews() {
    }

    public record Price(String model, LocalDate validFrom, String inputPerMillion, String outputPerMillion,
            String cachedInputPerMillion, String source) {

        static Price of(PriceVersion version) {
            TokenPrices p = version.prices();
            return new Price(version.model(), version.validFrom(), plain(p.inputPerMillion()),
                    plain(p.outputPerMillion()), plain(p.perMillion(TokenClass.CACHED_INPUT)), version.source());
        }
    }

    public record Book(String id, String currency, List<Price> prices) {

        static Book of(PriceBook book) {
            return new Book(book.id(), book.currency(), book.prices().stream().map(Price::of).toList());
        }
    }

    public record ContractPrices(String tenantId, List<Price> prices) {
    }

    /** A decimal as a plain string (never exponent notation), or null. */
    public static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
