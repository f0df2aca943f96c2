package io.civitas.billing.support;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls of the billing REST API. */
public final class Api {

    private Api() {
    }

    /** A JSON request with the bearer token. */
    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A price version request body; {@code cached} may be null. */
    public static Map<String, Object> price(String model, String validFrom, String input, String output,
            String cached) {
        Map<String, Object> body = new HashMap<>(Map.of("model", model, "validFrom", validFrom,
                "inputPerMillion", new BigDecimal(input), "outputPerMillion", new BigDecimal(output)));
        if (cached != null) {
            body.put("cachedInputPerMillion", new BigDecimal(cached));
        }
        return body;
    }

    /** Creates a price book as platform admin and returns its id. */
    public static String newBook(String currency) {
        String id = "book-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        as(Tokens.platformAdmin()).body(Map.of("id", id, "currency", currency)).post("/billing/v1/price-books")
                .then().statusCode(201);
        return id;
    }

    /** Adds a price version to a book as platform admin; asserts 201. */
    public static void addPrice(String book, String model, String validFrom, String input, String output,
            String cached) {
        as(Tokens.platformAdmin()).body(price(model, validFrom, input, output, cached))
                .post("/billing/v1/price-books/" + book + "/prices").then().statusCode(201);
    }
}
