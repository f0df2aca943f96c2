package io.civitas.billing.pricing;

import java.util.List;

/** A price book: its currency and every price version it ever had. */
public record PriceBook(String id, String currency, List<PriceVersion> prices) {

    public PriceBook {
        prices = List.copyOf(prices);
    }
}
