package io.civitas.billing.invoices;

import static io.civitas.billing.support.Api.addPrice;
import static io.civitas.billing.support.Api.as;
import static io.civitas.billing.support.Api.newBook;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.billing.support.Events;
import io.civitas.billing.support.Sql;
import io.civitas.billing.support.TenantEvents;
import io.civitas.billing.support.Tokens;
import io.civitas.billing.usage.UsageEvents;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class InvoiceResourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Devstral 2: 0.4938268 + 0.178024; Devstral Small 2: 0.2 + 0.1 (cached at the input price) + 0.225. */
    private static final String TOTAL = "1.1968508";

    @Inject
    DataSource dataSource;

    private Events events;
    private String tenant;
    private YearMonth lastMonth;

    @BeforeEach
    void tenantWithLastMonthsUsage() throws Exception {
        events = new Events();
        tenant = "tenant-" + UUID.randomUUID();
        lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        String book = newBook("USD");
        addPrice(book, "devstral-2", lastMonth.atDay(1).toString(), "0.40", "2.00", null);
        addPrice(book, "devstral-small-2", lastMonth.atDay(1).toString(), "0.10", "0.30", null);
        events.tenant(TenantEvents.changed(tenant, 1, "Ministry of Finance", "CC-4711", book, 0, ""));
        Instant at = lastMonth.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC);
        events.usage(UsageEvents.usage(tenant, "devstral-2", "key-a", at, 1_234_567, 89_012, 0),
                UsageEvents.usage(tenant, "devstral-small-2", "key-b", at.plusSeconds(86_400), 3_000_000, 750_000,
                        1_000_000));
        await().atMost(WAIT).untilAsserted(() -> assertThat(invoice().getString("total")).isEqualTo(TOTAL));
        await().atMost(WAIT).untilAsserted(() -> assertThat(invoice().getString("tenantName"))
                .isEqualTo("Ministry of Finance"));
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void shouldShowADraftWithLinesPerModelAndTokenClass() {
        // When
        var response = as(Tokens.tenantAdmin(tenant)).get(path()).then();

        // Then
        response.statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("costCentre", equalTo("CC-4711"))
                .body("currency", equalTo("USD"))
                .body("lines.model", contains("devstral-2", "devstral-2", "devstral-small-2", "devstral-small-2",
                        "devstral-small-2"))
                .body("lines.tokenClass", contains("INPUT", "OUTPUT", "INPUT", "CACHED_INPUT", "OUTPUT"))
                .body("lines.tokens", contains(1_234_567, 89_012, 2_000_000, 1_000_000, 750_000))
                .body("lines.unitPricePerMillion", contains("0.40", "2.00", "0.10", "0.10", "0.30"))
                .body("lines.amount", contains("0.4938268", "0.178024", "0.2", "0.1", "0.225"))
                .body("total", equalTo(TOTAL));
    }

    @Test
    void shouldExportCsvWithTheCostCentre() {
        // When
        String byHeader = given().auth().oauth2(Tokens.auditor()).accept("text/csv").get(path()).then()
                .statusCode(200).contentType("text/csv").extract().asString();
        String byParameter = given().auth().oauth2(Tokens.auditor()).get(path() + "?format=csv").then()
                .statusCode(200).extract().asString();

        // Then
        assertThat(byHeader).isEqualTo(byParameter);
        assertThat(byHeader.lines()).first().isEqualTo("tenant_id,tenant_name,cost_centre,month,status,currency,"
                + "model,token_class,tokens,unit_price_per_million,amount,price_valid_from,price_source,carried_from");
        assertThat(byHeader.lines()).contains(tenant + ",Ministry of Finance,CC-4711," + lastMonth
                + ",DRAFT,USD,devstral-2,INPUT,1234567,0.40,0.4938268," + lastMonth.atDay(1) + ",book:"
                + invoice().getString("priceBook") + ",");
        assertThat(byHeader.lines()).last().asString().endsWith(",TOTAL,,," + TOTAL + ",,,");
    }

    @Test
    void shouldNeverChangeAFinalisedInvoice() throws Exception {
        // Given
        as(Tokens.platformAdmin()).post(path() + "/finalise").then().statusCode(200)
                .body("status", equalTo("FINAL")).body("total", equalTo(TOTAL));
        EventEnvelope late = UsageEvents.usage(tenant, "devstral-2", "key-a",
                lastMonth.atDay(20).atStartOfDay().toInstant(ZoneOffset.UTC), 1_000_000, 0, 0);

        // When
        events.usage(late);
        var again = as(Tokens.platformAdmin()).post(path() + "/finalise").then();

        // Then
        again.statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:civitas:problem:invoice-finalised"));
        await().atMost(WAIT).until(() -> Sql.scalar(dataSource, "SELECT 1 FROM usage_ledger WHERE event_id = ?",
                late.getEventId()) != null);
        JsonPath stored = invoice();
        assertThat(stored.getString("status")).isEqualTo("FINAL");
        assertThat(stored.getString("total")).isEqualTo(TOTAL);
        assertThat(stored.getList("lines")).hasSize(5);
        assertThatThrownBy(() -> Sql.execute(dataSource, "UPDATE invoice SET total = 0 WHERE tenant_id = ?", tenant))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> Sql.execute(dataSource, "DELETE FROM invoice_line WHERE tenant_id = ?", tenant))
                .isInstanceOf(SQLException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> Sql.execute(dataSource, "INSERT INTO invoice_line (tenant_id, month, line_no, model,"
                + " token_class, tokens, amount) VALUES (?, ?, 99, 'x', 'INPUT', 1, 1)", tenant, lastMonth.toString()))
                .isInstanceOf(SQLException.class).hasMessageContaining("finalised");
    }

    @Test
    void shouldRefuseToFinaliseAnOpenMonthOrForANonAdmin() {
        // When
        var open = as(Tokens.platformAdmin()).post("/billing/v1/tenants/" + tenant + "/invoices/"
                + YearMonth.now(ZoneOffset.UTC) + "/finalise").then();
        var auditor = as(Tokens.auditor()).post(path() + "/finalise").then();
        var anonymous = given().post(path() + "/finalise").then();

        // Then
        open.statusCode(409).body("type", equalTo("urn:civitas:problem:month-not-ended"));
        auditor.statusCode(403);
        anonymous.statusCode(401);
        assertThat(invoice().getString("status")).isEqualTo("DRAFT");
    }

    @Test
    void shouldKeepOtherTenantsInvoicesFromATenantAdmin() {
        // When / Then
        as(Tokens.tenantAdmin("another-tenant")).get(path()).then().statusCode(403)
                .contentType("application/problem+json");
        as(Tokens.tenantAdminWithoutTenant()).get(path()).then().statusCode(403);
        given().get(path()).then().statusCode(401);
        as(Tokens.platformAdmin()).get("/billing/v1/tenants/" + tenant + "/invoices/last-month").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private String path() {
        return "/billing/v1/tenants/" + tenant + "/invoices/" + lastMonth;
    }

    private JsonPath invoice() {
        return as(Tokens.platformAdmin()).get(path()).then().statusCode(200).extract().jsonPath();
    }
}
