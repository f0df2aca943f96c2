package io.civitas.gateway.error;

/** A tenant or key reached its requests or tokens per minute; {@code retryAfterSeconds} until the window frees. */
public final class RateLimitExceededException extends GatewayException {

    public static final String REQUESTS = "requests";
    public static final String TOKENS = "tokens";

    private final String kind;
    private final long retryAfterSeconds;

    public RateLimitExceededException(String kind, String who, long perMinute, long retryAfterSeconds) {
        super("Rate limit reached for " + who + " on " + kind + " per minute: limit " + perMinute
                + ". Please try again in " + retryAfterSeconds + "s.");
        this.kind = kind;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** "requests" or "tokens", OpenAI's error type for the limit. */
    public String kind() {
        return kind;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
