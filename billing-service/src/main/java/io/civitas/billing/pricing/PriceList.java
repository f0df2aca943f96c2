package io.civitas.billing.pricing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The prices that apply to one tenant: its price book's versions and its contract overrides. On a given day a model
 * costs the contract price in force that day if there is one, else the book's price in force that day.
 */
public record PriceList(String bookId, String currency, List<PriceVersion> bookPrices,
        List<PriceVersion> contractPrices) {

    public PriceList {
        bookPrices = List.copyOf(bookPrices);
        contractPrices = List.copyOf(contractPrices);
    }

    /** The price of {@code model} in force on {@code day}, if any. */
    public Optional<PriceVersion> priceAt(String model, LocalDate day) {
        return inForce(contractPrices, model, day).or(() -> inForce(bookPrices, model, day));
    }

    private static Optional<PriceVersion> inForce(List<PriceVersion> versions, String model, LocalDate day) {
        return versions.stream()
                .filter(v -> v.model().equals(model) && !v.validFrom().isAfter(day))
                .max(Comparator.comparing(PriceVersion::validFrom));
    }
}
