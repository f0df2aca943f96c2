package io.civitas.billing.reports;

import static io.civitas.billing.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.billing.support.Events;
import io.civitas.billing.support.Tokens;
import io.civitas.billing.usage.UsageEvents;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class UsageResourceTest {

    private static final String TENANT = "tenant-" + UUID.randomUUID();
    private static final Instant DAY_1 = Instant.parse("2026-09-01T08:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-09-02T23:59:59Z");
    private static final String RANGE = "?from=2026-09-01&to=2026-09-30";

    private static Events events;

    @BeforeEach
    void usageOnTwoDays() throws Exception {
        if (events != null) {
            return;
        }
        events = new Events();
        events.usage(UsageEvents.usage(TENANT, "devstral-2", "key-a", DAY_1, 100, 10, 40),
                UsageEvents.usage(TENANT, "devstral-small-2", "key-b", DAY_1, 200, 20, 0),
                UsageEvents.usage(TENANT, "devstral-2", "key-a", DAY_2, 300, 30, 0),
                UsageEvents.usage("other-" + TENANT, "devstral-2", "key-z", DAY_1, 5, 5, 0));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Tokens.platformAdmin())
                .get(path() + RANGE + "&by=model").then().body("rows.requests", contains(2, 1)));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void shouldBreakUsageDownPerDayModelAndKey() {
        // When / Then
        as(Tokens.tenantAdmin(TENANT)).get(path() + RANGE + "&by=day").then().statusCode(200)
                .body("by", equalTo("day"))
                .body("rows.group", contains("2026-09-01", "2026-09-02"))
                .body("rows.requests", contains(2, 1))
                .body("rows.inputTokens", contains(260, 300))
                .body("rows.cachedInputTokens", contains(40, 0))
                .body("rows.outputTokens", contains(30, 30))
                .body("rows.totalTokens", contains(330, 330));
        as(Tokens.auditor()).get(path() + RANGE + "&by=model").then().statusCode(200)
                .body("rows.group", contains("devstral-2", "devstral-small-2"))
                .body("rows.totalTokens", contains(440, 220));
        as(Tokens.platformAdmin()).get(path() + "?from=2026-09-02&to=2026-09-02&by=key").then().statusCode(200)
                .body("rows.group", contains("key-a"))
                .body("rows.outputTokens", contains(30));
    }

    @Test
    void shouldShowPlatformAdminsAndAuditorsEveryTenant() {
        // When / Then
        as(Tokens.platformAdmin()).get("/billing/v1/usage" + RANGE).then().statusCode(200)
                .body("by", equalTo("tenant"))
                .body("rows.findAll { it.group == '" + TENANT + "' }.totalTokens", contains(660))
                .body("rows.findAll { it.group == 'other-" + TENANT + "' }.totalTokens", contains(10));
        as(Tokens.auditor()).get("/billing/v1/usage" + RANGE + "&by=model").then().statusCode(200);
        as(Tokens.tenantAdmin(TENANT)).get("/billing/v1/usage" + RANGE).then().statusCode(403);
        given().get("/billing/v1/usage" + RANGE).then().statusCode(401);
        as(Tokens.platformAdmin()).get(path() + RANGE + "&by=tenant").then().statusCode(400)
                .body("detail", equalTo("by must be one of day, model, key"));
    }

    @Test
    void shouldShowATenantAdminOnlyItsOwnTenant() {
        // When / Then
        as(Tokens.tenantAdmin("other-" + TENANT)).get(path() + RANGE).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        as(Tokens.tenantAdminWithoutTenant()).get(path() + RANGE).then().statusCode(403);
        as(Tokens.plainUser()).get(path() + RANGE).then().statusCode(403);
        given().get(path() + RANGE).then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not-a-token").get(path() + RANGE).then().statusCode(401);
    }

    @Test
    void shouldRejectBadRangesAndDimensionsWithProblemDetails() {
        // When / Then
        as(Tokens.platformAdmin()).get(path() + "?from=2026-09-30&to=2026-09-01").then().statusCode(400)
                .contentType("application/problem+json");
        as(Tokens.platformAdmin()).get(path() + RANGE + "&by=week").then().statusCode(400)
                .body("detail", equalTo("by must be one of day, model, key"));
        as(Tokens.platformAdmin()).get(path() + "?from=yesterday&to=2026-09-01").then().statusCode(400)
                .body("detail", equalTo("from must be a date as YYYY-MM-DD"));
        as(Tokens.platformAdmin()).get(path()).then().statusCode(400).body("detail", equalTo("from is required"));
    }

    private static String path() {
        return "/billing/v1/tenants/" + TENANT + "/usage";
    }
}
