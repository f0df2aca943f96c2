package io.civitas.billing.rest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Parses path and query parameters, refusing bad ones with a message that names them. */
public final class Params {

    private Params() {
    }

    /** A UTC calendar month, "YYYY-MM". */
    public static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(require(name, value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be a month as YYYY-MM");
        }
    }

    /** A UTC day, "YYYY-MM-DD". */
    public static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(require(name, value));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be a date as YYYY-MM-DD");
        }
    }

    private static String require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(name + " is required");
        }
        return value.strip();
    }
}
