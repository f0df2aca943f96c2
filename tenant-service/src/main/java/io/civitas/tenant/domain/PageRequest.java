package io.civitas.tenant.domain;

/**
 * Which page to read: at most {@code limit} items after {@code after} (null: from the start).
 */
public record PageRequest(int limit, PageCursor after) {

    /** Items per page when the client gives no limit. */
    public static final int DEFAULT_LIMIT = 50;
    /** Largest accepted limit. */
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
