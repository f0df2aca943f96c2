package io.civitas.billing.pricing;

import static io.civitas.billing.support.Api.as;
import static io.civitas.billing.support.Api.newBook;
import static io.civitas.billing.support.Api.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.civitas.billing.support.Sql;
import io.civitas.billing.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PriceBookResourceTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldKeepEveryPriceVersionOfABook() {
        // Given
        String book = newBook("USD");
        addPrice(book, "devstral-2", "2026-11-01", "0.40", "2.00", null).statusCode(201);

        // When
        addPrice(book, "devstral-2", "2026-12-01", "0.30", "1.50", "0.03").statusCode(201);

        // Then
        as(Tokens.auditor()).get("/billing/v1/price-books/" + book).then().statusCode(200)
                .body("currency", equalTo("USD"))
                .body("prices.validFrom", contains("2026-11-01", "2026-12-01"))
                .body("prices.inputPerMillion", contains("0.40", "0.30"))
                .body("prices.outputPerMillion", contains("2.00", "1.50"))
                .body("prices.cachedInputPerMillion", contains("0.40", "0.03"));
    }

    @Test
    void shouldRefuseAVersionThatWouldRewriteHistory() {
        // Given
        String book = newBook("EUR");
        addPrice(book, "devstral-small-2", "2026-11-01", "0.10", "0.30", null).statusCode(201);

        // When
        var response = addPrice(book, "devstral-small-2", "2026-11-01", "0.05", "0.10", null);

        // Then
        response.statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:price-version-conflict"));
        as(Tokens.platformAdmin()).get("/billing/v1/price-books/" + book).then()
                .body("prices.inputPerMillion", contains("0.10"));
    }

    @Test
    void shouldRefuseUpdatesAndDeletesOfPricesInTheDatabase() {
        // Given
        String book = newBook("USD");
        addPrice(book, "devstral-2", "2026-11-01", "0.40", "2.00", null).statusCode(201);

        // When / Then
        assertThatThrownBy(() -> Sql.execute(dataSource,
                "UPDATE model_price SET input_per_million = 0 WHERE book_id = ?", book))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> Sql.execute(dataSource, "DELETE FROM model_price WHERE book_id = ?", book))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    }

    @Test
    void shouldRejectInvalidPricesWithProblemDetails() {
        // Given
        String book = newBook("USD");

        // When
        var negative = addPrice(book, "devstral-2", "2026-11-01", "-0.40", "2.00", null);
        var badCurrency = as(Tokens.platformAdmin()).body(Map.of("id", "x-" + UUID.randomUUID(), "currency", "usd"))
                .post("/billing/v1/price-books").then();
        var unknownBook = addPrice("no-such-book", "devstral-2", "2026-11-01", "0.40", "2.00", null);

        // Then
        negative.statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("inputPerMillion"));
        badCurrency.statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("currency"));
        unknownBook.statusCode(404).body("type", equalTo("urn:civitas:problem:price-book-not-found"));
    }

    @Test
    void shouldLetOnlyPlatformAdminsWriteAndRefuseCallersWithoutToken() {
        // Given
        Map<String, String> body = Map.of("id", "b-" + UUID.randomUUID().toString().substring(0, 8), "currency", "USD");

        // When / Then
        given().contentType(ContentType.JSON).body(body).post("/billing/v1/price-books").then().statusCode(401)
                .contentType("application/problem+json");
        given().get("/billing/v1/price-books").then().statusCode(401);
        as(Tokens.auditor()).body(body).post("/billing/v1/price-books").then().statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.tenantAdmin("t-1")).get("/billing/v1/price-books").then().statusCode(403);
        as(Tokens.plainUser()).get("/billing/v1/price-books").then().statusCode(403);
    }

    @Test
    void shouldLetATenantAdminReadOnlyItsOwnContractPrices() {
        // Given
        String tenant = "tenant-" + UUID.randomUUID();
        as(Tokens.platformAdmin()).body(price("devstral-2", "2026-11-01", "0.25", "1.25", null))
                .post("/billing/v1/tenants/" + tenant + "/contract-prices").then().statusCode(201)
                .body("source", equalTo("contract"));

        // When / Then
        as(Tokens.tenantAdmin(tenant)).get("/billing/v1/tenants/" + tenant + "/contract-prices").then()
                .statusCode(200).body("prices.outputPerMillion", contains("1.25"));
        as(Tokens.tenantAdmin("someone-else")).get("/billing/v1/tenants/" + tenant + "/contract-prices").then()
                .statusCode(403);
        as(Tokens.tenantAdmin(tenant)).body(price("devstral-2", "2026-12-01", "0.01", "0.01", null))
                .post("/billing/v1/tenants/" + tenant + "/contract-prices").then().statusCode(403);
    }

    private static ValidatableResponse addPrice(String book, String model, String validFrom, String input,
            String output, String cached) {
        return as(Tokens.platformAdmin()).body(price(model, validFrom, input, output, cached))
                .post("/billing/v1/price-books/" + book + "/prices").then();
    }
}
