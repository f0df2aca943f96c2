package io.civitas.audit.export;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * What an export covers: entries that occurred in [from, to), of one tenant or all (tenant null), proven against a
 * fresh checkpoint; plus, when {@code consistentWith} > 0, the checkpoint of that tree size (an earlier export's
 * anchor) so the two exports can be shown consistent.
 */
public record ExportRequest(Instant from, Instant to, String tenant, long consistentWith) {

    public ExportRequest {
        if (from == null || to == null) {
            throw new InvalidExportRequestException("from and to are required ISO-8601 instants");
        }
        if (!from.isBefore(to)) {
            throw new InvalidExportRequestException("from must be before to");
        }
        if (consistentWith < 0) {
            throw new InvalidExportRequestException("consistentWith must be a tree size");
        }
        if (tenant != null && tenant.isBlank()) {
            tenant = null;
        }
    }

    /** Parses the query parameters. */
    public static ExportRequest parse(String from, String to, String tenant, Long consistentWith) {
        return new ExportRequest(instant(from, "from"), instant(to, "to"), tenant,
                consistentWith == null ? 0 : consistentWith);
    }

    /** The same request for another tenant filter. */
    public ExportRequest forTenant(String filter) {
        return new ExportRequest(from, to, filter, consistentWith);
    }

    private static Instant instant(String value, String name) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidExportRequestException(name + " is not an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
