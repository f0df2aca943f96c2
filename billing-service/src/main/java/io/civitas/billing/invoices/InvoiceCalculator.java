package io.civitas.billing.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.civitas.billing.pricing.PriceList;
import io.civitas.billing.pricing.PriceVersion;
import io.civitas.billing.pricing.TokenClass;
import io.civitas.billing.pricing.TokenPrices;
import io.civitas.billing.usage.DailyTokens;

/**
 * Prices daily token counts: each day's tokens at the price in force that day, summed into one line per model,
 * token class and price version (and, for carried late usage, month of use). Arithmetic is exact (BigDecimal, no
 * rounding); the total is the exact sum.
 */
public final class InvoiceCalculator {

    private static final Comparator<InvoiceLine> ORDER = Comparator
            .comparing(InvoiceLine::carriedFrom, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(InvoiceLine::model)
            .thenComparing(InvoiceLine::tokenClass)
            .thenComparing(InvoiceLine::priceValidFrom, Comparator.nullsFirst(Comparator.naturalOrder()));

    private record LineKey(String model, TokenClass tokenClass, PriceVersion version, YearMonth carriedFrom) {
    }

    private InvoiceCalculator() {
    }

    /** The lines of a month's own usage. */
    public static List<InvoiceLine> lines(List<DailyTokens> usage, PriceList prices) {
        return priced(usage, prices, false);
    }

    /**
     * The lines of late usage carried onto a later invoice: priced as {@link #lines} (at the price in force on the
     * day of use), one line per month of use besides, each naming that month.
     */
    public static List<InvoiceLine> carriedLines(List<DailyTokens> late, PriceList prices) {
        return priced(late, prices, true);
    }

    private static List<InvoiceLine> priced(List<DailyTokens> usage, PriceList prices, boolean carried) {
        Map<LineKey, Long> tokens = new LinkedHashMap<>();
        for (DailyTokens day : usage) {
            PriceVersion version = prices.priceAt(day.model(), day.day()).orElse(null);
            YearMonth from = carried ? YearMonth.from(day.day()) : null;
            add(tokens, new LineKey(day.model(), TokenClass.INPUT, version, from), day.inputTokens());
            add(tokens, new LineKey(day.model(), TokenClass.CACHED_INPUT, version, from), day.cachedInputTokens());
            add(tokens, new LineKey(day.model(), TokenClass.OUTPUT, version, from), day.outputTokens());
        }
        List<InvoiceLine> lines = new ArrayList<>(tokens.size());
        tokens.forEach((key, count) -> lines.add(line(key, count)));
        lines.sort(ORDER);
        return lines;
    }

    public static BigDecimal total(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static void add(Map<LineKey, Long> tokens, LineKey key, long count) {
        if (count > 0) {
            tokens.merge(key, count, Long::sum);
        }
    }

    private static InvoiceLine line(LineKey key, long count) {
        Optional<PriceVersion> version = Optional.ofNullable(key.version());
        BigDecimal unit = version.map(v -> v.prices().perMillion(key.tokenClass())).orElse(null);
        BigDecimal amount = unit == null ? BigDecimal.ZERO : TokenPrices.amount(unit, count);
        LocalDate validFrom = version.map(PriceVersion::validFrom).orElse(null);
        return new InvoiceLine(key.model(), key.tokenClass(), count, unit, amount, validFrom,
                version.map(PriceVersion::source).orElse(null), key.carriedFrom());
    }
}
