package io.civitas.billing.usage;

import java.time.LocalDate;

/** One tenant's tokens of one model on one UTC day, by token class. */
public record DailyTokens(LocalDate day, String model, long inputTokens, long cachedInputTokens, long outputTokens) {
}
