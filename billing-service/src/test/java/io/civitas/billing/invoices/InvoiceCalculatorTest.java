package io.civitas.billing.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.billing.pricing.PriceList;
import io.civitas.billing.pricing.PriceVersion;
import io.civitas.billing.pricing.TokenClass;
import io.civitas.billing.pricing.TokenPrices;
import io.civitas.billing.usage.DailyTokens;

/** Price arithmetic on Mistral's list: Devstral 2 at $0.40 / $2.00, Devstral Small 2 at $0.10 / $0.30 per million. */
class InvoiceCalculatorTest {

    private static final LocalDate NOV_1 = LocalDate.of(2026, 11, 1);
    private static final PriceVersion DEVSTRAL_2 = book("devstral-2", NOV_1, "0.40", "2.00", null);
    private static final PriceVersion DEVSTRAL_SMALL_2 = book("devstral-small-2", NOV_1, "0.10", "0.30", null);

    @Test
    void shouldPriceDevstral2InputAndOutputExactly() {
        // Given
        PriceList prices = list(List.of(DEVSTRAL_2), List.of());
        List<DailyTokens> usage = List.of(new DailyTokens(NOV_1.plusDays(3), "devstral-2", 1_234_567, 0, 89_012));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.lines(usage, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::tokenClass, InvoiceLine::tokens, InvoiceLine::amount)
                .containsExactly(
                        tuple(TokenClass.INPUT, 1_234_567L, new BigDecimal("0.4938268")),
                        tuple(TokenClass.OUTPUT, 89_012L, new BigDecimal("0.178024")));
        assertThat(InvoiceCalculator.total(lines)).isEqualTo(new BigDecimal("0.6718508"));
    }

    @Test
    void shouldPriceCachedInputAtTheInputPriceWhenTheBookGivesNoCachedPrice() {
        // Given
        PriceList prices = list(List.of(DEVSTRAL_SMALL_2), List.of());
        List<DailyTokens> usage = List.of(
                new DailyTokens(NOV_1, "devstral-small-2", 2_000_000, 1_000_000, 750_000),
                new DailyTokens(NOV_1.plusDays(1), "devstral-small-2", 1, 0, 1));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.lines(usage, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::tokenClass, InvoiceLine::tokens, InvoiceLine::unitPricePerMillion,
                InvoiceLine::amount).containsExactly(
                        tuple(TokenClass.INPUT, 2_000_001L, new BigDecimal("0.10"), new BigDecimal("0.2000001")),
                        tuple(TokenClass.CACHED_INPUT, 1_000_000L, new BigDecimal("0.10"), new BigDecimal("0.1")),
                        tuple(TokenClass.OUTPUT, 750_001L, new BigDecimal("0.30"), new BigDecimal("0.2250003")));
        assertThat(InvoiceCalculator.total(lines)).isEqualByComparingTo("0.5250004");
    }

    @Test
    void shouldApplyANewPriceVersionOnlyFromItsValidFromDay() {
        // Given
        PriceVersion cheaper = book("devstral-2", LocalDate.of(2026, 11, 15), "0.30", "1.50", "0.03");
        PriceList prices = list(List.of(DEVSTRAL_2, cheaper), List.of());
        List<DailyTokens> usage = List.of(
                new DailyTokens(LocalDate.of(2026, 11, 14), "devstral-2", 1_000_000, 0, 0),
                new DailyTokens(LocalDate.of(2026, 11, 15), "devstral-2", 1_000_000, 500_000, 0));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.lines(usage, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::tokenClass, InvoiceLine::priceValidFrom, InvoiceLine::amount)
                .containsExactly(
                        tuple(TokenClass.INPUT, NOV_1, new BigDecimal("0.4")),
                        tuple(TokenClass.INPUT, LocalDate.of(2026, 11, 15), new BigDecimal("0.3")),
                        tuple(TokenClass.CACHED_INPUT, LocalDate.of(2026, 11, 15), new BigDecimal("0.015")));
    }

    @Test
    void shouldPreferATenantsContractPriceWhileItIsInForce() {
        // Given
        PriceVersion contract = new PriceVersion("devstral-2", LocalDate.of(2026, 11, 10),
                new TokenPrices(new BigDecimal("0.25"), new BigDecimal("1.25"), null), "contract");
        PriceList prices = list(List.of(DEVSTRAL_2), List.of(contract));
        List<DailyTokens> usage = List.of(
                new DailyTokens(LocalDate.of(2026, 11, 9), "devstral-2", 0, 0, 2_000_000),
                new DailyTokens(LocalDate.of(2026, 11, 10), "devstral-2", 0, 0, 2_000_000));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.lines(usage, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::priceSource, InvoiceLine::unitPricePerMillion, InvoiceLine::amount)
                .containsExactly(
                        tuple("book:mistral", new BigDecimal("2.00"), new BigDecimal("4")),
                        tuple("contract", new BigDecimal("1.25"), new BigDecimal("2.5")));
    }

    @Test
    void shouldShowUsageOfAModelWithoutPriceAsAnUnpricedLineOfZero() {
        // Given
        PriceList prices = list(List.of(DEVSTRAL_2), List.of());
        List<DailyTokens> usage = List.of(new DailyTokens(NOV_1, "llama-3.1-8b", 10, 0, 5),
                new DailyTokens(NOV_1.minusDays(1), "devstral-2", 10, 0, 0));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.lines(usage, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::model, InvoiceLine::tokens, InvoiceLine::unitPricePerMillion,
                InvoiceLine::amount).containsExactly(
                        tuple("devstral-2", 10L, null, BigDecimal.ZERO),
                        tuple("llama-3.1-8b", 10L, null, BigDecimal.ZERO),
                        tuple("llama-3.1-8b", 5L, null, BigDecimal.ZERO));
    }

    @Test
    void shouldPriceCarriedUsageAtItsDayOfUseInOneLineSetPerMonthOfUse() {
        // Given
        PriceVersion october = book("devstral-2", LocalDate.of(2026, 10, 1), "0.30", "1.50", null);
        PriceList prices = list(List.of(october, DEVSTRAL_2), List.of());
        List<DailyTokens> late = List.of(
                new DailyTokens(LocalDate.of(2026, 10, 30), "devstral-2", 1_000_000, 0, 0),
                new DailyTokens(LocalDate.of(2026, 10, 31), "devstral-2", 1_000_000, 0, 0),
                new DailyTokens(NOV_1, "devstral-2", 1_000_000, 0, 0));

        // When
        List<InvoiceLine> lines = InvoiceCalculator.carriedLines(late, prices);

        // Then
        assertThat(lines).extracting(InvoiceLine::carriedFrom, InvoiceLine::tokens, InvoiceLine::unitPricePerMillion,
                InvoiceLine::amount).containsExactly(
                        tuple(YearMonth.of(2026, 10), 2_000_000L, new BigDecimal("0.30"), new BigDecimal("0.6")),
                        tuple(YearMonth.of(2026, 11), 1_000_000L, new BigDecimal("0.40"), new BigDecimal("0.4")));
        assertThat(InvoiceCalculator.lines(late, prices)).extracting(InvoiceLine::carriedFrom).containsOnlyNulls();
    }

    private static PriceVersion book(String model, LocalDate from, String input, String output, String cached) {
        return new PriceVersion(model, from, new TokenPrices(new BigDecimal(input), new BigDecimal(output),
                cached == null ? null : new BigDecimal(cached)), "book:mistral");
    }

    private static PriceList list(List<PriceVersion> book, List<PriceVersion> contract) {
        return new PriceList("mistral", "USD", book, contract);
    }
}
