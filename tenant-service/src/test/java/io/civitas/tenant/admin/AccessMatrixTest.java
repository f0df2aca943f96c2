package io.civitas.tenant.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.civitas.tenant.support.AdminApi;
import io.civitas.tenant.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The role matrix of the admin API: every endpoint with every kind of caller, each answered as
 * {@link AccessPolicy} documents (the allowed ones succeed, the others get 403 problem+json, no token 401).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(KafkaResource.class)
class AccessMatrixTest {

    /** Who may call an endpoint. */
    enum Rule {
        /** platform-admin only. */
        PLATFORM_ADMIN,
        /** platform-admin, auditor, the tenant's own tenant-admin. */
        READ,
        /** platform-admin and the tenant's own tenant-admin. */
        TENANT_MANAGEMENT,
        /** any tenant-admin bound to a tenant (sees only its own), platform-admin, auditor. */
        LIST
    }

    /** Callers: each makes a token (or none) given the tenant acted on and another existing tenant. */
    enum Caller {
        PLATFORM_ADMIN(f -> Tokens.platformAdmin()),
        AUDITOR(f -> Tokens.auditor()),
        OWN_TENANT_ADMIN(f -> Tokens.tenantAdmin(f.tenantId())),
        OTHER_TENANT_ADMIN(f -> Tokens.tenantAdmin(f.otherTenantId())),
        UNBOUND_TENANT_ADMIN(f -> Tokens.tenantAdminWithoutTenant()),
        NO_CIVITAS_ROLE(f -> Tokens.plainUser()),
        ANONYMOUS(f -> null);

        private final Function<Fixture, String> token;

        Caller(Function<Fixture, String> token) {
            this.token = token;
        }

        boolean allowed(Rule rule) {
            return switch (rule) {
                case PLATFORM_ADMIN -> this == PLATFORM_ADMIN;
                case READ -> this == PLATFORM_ADMIN || this == AUDITOR || this == OWN_TENANT_ADMIN;
                case TENANT_MANAGEMENT -> this == PLATFORM_ADMIN || this == OWN_TENANT_ADMIN;
                case LIST -> this != UNBOUND_TENANT_ADMIN && this != NO_CIVITAS_ROLE && this != ANONYMOUS;
            };
        }
    }

    record Fixture(String tenantId, String otherTenantId, String keyId, String model) {
    }

    record Endpoint(String method, String path, Object body, Rule rule, int success) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String TENANT = "/admin/v1/tenants/{id}";

    static Stream<Arguments> matrix() {
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/admin/v1/tenants", Map.of("name", "@unique"), Rule.PLATFORM_ADMIN, 201),
                new Endpoint("GET", "/admin/v1/tenants", null, Rule.LIST, 200),
                new Endpoint("GET", TENANT, null, Rule.READ, 200),
                new Endpoint("PATCH", TENANT, Map.of("costCentre", "CC-1"), Rule.PLATFORM_ADMIN, 200),
                new Endpoint("PUT", TENANT + "/status", Map.of("status", "SUSPENDED"), Rule.PLATFORM_ADMIN, 200),
                new Endpoint("GET", TENANT + "/quotas", null, Rule.READ, 200),
                new Endpoint("PUT", TENANT + "/quotas", Map.of("requestsPerMinute", 10), Rule.PLATFORM_ADMIN, 200),
                new Endpoint("GET", TENANT + "/entitlements", null, Rule.READ, 200),
                new Endpoint("PUT", TENANT + "/entitlements/{model}", Map.of("licenceReference", "L-2"),
                        Rule.PLATFORM_ADMIN, 200),
                new Endpoint("DELETE", TENANT + "/entitlements/{model}", null, Rule.PLATFORM_ADMIN, 204),
                new Endpoint("POST", TENANT + "/entitlements/{model}/acceptance", null, Rule.TENANT_MANAGEMENT, 200),
                new Endpoint("GET", TENANT + "/keys", null, Rule.READ, 200),
                new Endpoint("GET", TENANT + "/keys/{keyId}", null, Rule.READ, 200),
                new Endpoint("POST", TENANT + "/keys", Map.of("name", "ci"), Rule.TENANT_MANAGEMENT, 201),
                new Endpoint("POST", TENANT + "/keys/{keyId}/rotate", Map.of("overlapSeconds", 60),
                        Rule.TENANT_MANAGEMENT, 201),
                new Endpoint("DELETE", TENANT + "/keys/{keyId}", null, Rule.TENANT_MANAGEMENT, 204));
        return endpoints.stream()
                .flatMap(endpoint -> Arrays.stream(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("matrix")
    void shouldAnswerEachCallerAsTheRoleMatrixSays(Endpoint endpoint, Caller caller) {
        // Given
        boolean changesState = caller.allowed(endpoint.rule()) && !endpoint.method().equals("GET");
        Fixture fixture = changesState ? fixture() : sharedFixture();
        RequestSpecification request = given().contentType(ContentType.JSON);
        String token = caller.token.apply(fixture);
        if (token != null) {
            request.auth().oauth2(token);
        }
        if (endpoint.body() != null) {
            request.body(endpoint.body().equals(Map.of("name", "@unique"))
                    ? Map.of("name", AdminApi.uniqueName("matrix")) : endpoint.body());
        }
        String path = endpoint.path().replace("{id}", fixture.tenantId()).replace("{keyId}", fixture.keyId())
                .replace("{model}", fixture.model());

        // When
        var response = request.request(endpoint.method(), path).then();

        // Then
        if (caller == Caller.ANONYMOUS) {
            response.statusCode(401);
        } else if (caller.allowed(endpoint.rule())) {
            response.statusCode(endpoint.success());
        } else {
            response.statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("urn:civitas:problem:forbidden"));
        }
    }

    private static Fixture shared;

    /** State for reads and for callers that must be refused: they change nothing, so one fixture serves all. */
    private static synchronized Fixture sharedFixture() {
        if (shared == null) {
            shared = fixture();
        }
        return shared;
    }

    private static Fixture fixture() {
        String tenantId = AdminApi.createTenant();
        String otherTenantId = AdminApi.createTenant();
        String keyId = AdminApi.createKey(tenantId, "matrix").get("id");
        AdminApi.grant(tenantId, "licensed-model", Map.of("licenceReference", "L-1"));
        return new Fixture(tenantId, otherTenantId, keyId, "licensed-model");
    }
}
