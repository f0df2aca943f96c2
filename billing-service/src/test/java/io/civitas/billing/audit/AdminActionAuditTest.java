package io.civitas.billing.audit;

import static io.civitas.billing.support.Api.as;
import static io.civitas.billing.support.Api.price;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.AdminActionPerformed;
import io.civitas.api.events.v1.EventType;
import io.civitas.billing.support.AuditLog;
import io.civitas.billing.support.Events;
import io.civitas.billing.support.Sql;
import io.civitas.billing.support.TenantEvents;
import io.civitas.billing.support.Tokens;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Every billing admin action reaches the audit topic as exactly one AdminActionPerformed naming the actor, written in
 * the transaction of the change: done with its 2xx status when the change committed, refused with its 4xx/5xx
 * status (as tenant-service records refusals) when it did not, and never as done when the change rolled back.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class AdminActionAuditTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** How long the events seen must stay exactly as asserted: nothing more arrives later. */
    private static final Duration STABLE = Duration.ofSeconds(2);

    @Inject
    DataSource dataSource;

    private AuditLog audit;
    private String subject;
    private String admin;
    private String tenant;
    private String book;

    @BeforeEach
    void open() {
        audit = new AuditLog();
        subject = "operator-" + UUID.randomUUID();
        admin = Tokens.withRole(subject, "finance-operator", "platform-admin");
        tenant = "tenant-" + UUID.randomUUID();
        book = "book-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void shouldPublishOneEventPerAdminActionNamingTheActorAndTarget() throws Exception {
        // Given
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        as(admin).body(Map.of("id", book, "currency", "EUR")).post("/billing/v1/price-books").then().statusCode(201);
        try (Events events = new Events()) {
            events.tenant(TenantEvents.changed(tenant, 1, "Agency", "CC-1", book, 0, ""));
        }
        await().atMost(WAIT).untilAsserted(() -> as(admin)
                .get("/billing/v1/tenants/" + tenant + "/invoices/" + lastMonth).then()
                .body("currency", equalTo("EUR")));

        // When
        as(admin).body(price("devstral-2", "2026-11-01", "0.40", "2.00", "0.04"))
                .post("/billing/v1/price-books/" + book + "/prices").then().statusCode(201);
        as(admin).body(price("devstral-2", "2026-12-01", "0.25", "1.25", null))
                .post("/billing/v1/tenants/" + tenant + "/contract-prices").then().statusCode(201);
        as(admin).post("/billing/v1/tenants/" + tenant + "/invoices/" + lastMonth + "/finalise").then()
                .statusCode(200);

        // Then
        await().atMost(WAIT).during(STABLE).untilAsserted(() -> assertThat(audit.by(subject))
                .extracting(e -> e.action().getAction(), e -> e.action().getTargetType(),
                        e -> e.action().getTargetId(), e -> e.action().getTenantId(), e -> e.action().getHttpStatus(),
                        AuditLog.Entry::key)
                .containsExactlyInAnyOrder(
                        tuple("price-book.create", "price-book", book, "", 201, "platform"),
                        tuple("price.add", "price-book", book, "", 201, "platform"),
                        tuple("contract-price.set", "contract-price", "devstral-2", tenant, 201, tenant),
                        tuple("invoice.finalise", "invoice", lastMonth.toString(), tenant, 200, tenant)));
        assertThat(audit.by(subject)).allSatisfy(entry -> {
            assertThat(entry.envelope().getType()).isEqualTo(EventType.EVENT_TYPE_ADMIN_ACTION_PERFORMED);
            assertThat(entry.envelope().getProducer()).isEqualTo("billing-service");
            assertThat(entry.envelope().getTenantId()).isEqualTo(entry.action().getTenantId());
            assertThat(entry.envelope().getEventId()).isNotEmpty();
            assertThat(entry.envelope().hasOccurredAt()).isTrue();
            assertThat(entry.action().getActorName()).isEqualTo("finance-operator");
            assertThat(entry.action().getActorRolesList()).containsExactly("platform-admin");
            assertThat(entry.action().getService()).isEqualTo("billing-service");
            assertThat(new String(entry.value(), StandardCharsets.ISO_8859_1))
                    .doesNotContain(admin.substring(admin.lastIndexOf('.') + 1)).doesNotContain("eyJ");
        });
        assertThat(audit.by(subject)).extracting(AuditLog.Entry::action)
                .filteredOn(action -> action.getAction().equals("price.add"))
                .singleElement().extracting(AdminActionPerformed::getDetailsMap)
                .isEqualTo(Map.of("model", "devstral-2", "validFrom", "2026-11-01", "inputPerMillion", "0.40",
                        "outputPerMillion", "2.00", "cachedInputPerMillion", "0.04"));
        assertThat(audit.by(subject)).extracting(AuditLog.Entry::action)
                .filteredOn(action -> action.getAction().equals("invoice.finalise"))
                .singleElement().extracting(AdminActionPerformed::getDetailsMap)
                .isEqualTo(Map.of("total", "0", "currency", "EUR", "priceBook", book));
    }

    @Test
    void shouldRecordRefusedActionsWithTheirStatusAndNeverAsDone() throws Exception {
        // Given
        String auditorSubject = "auditor-" + UUID.randomUUID();
        String auditor = Tokens.withRole(auditorSubject, "auditor", "auditor");
        String tenantAdmin = Tokens.tenantAdmin(tenant);
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);

        // When
        as(auditor).body(Map.of("id", book, "currency", "EUR")).post("/billing/v1/price-books").then()
                .statusCode(403);
        as(tenantAdmin).body(price("devstral-2", "2026-12-01", "0.25", "1.25", null))
                .post("/billing/v1/tenants/" + tenant + "/contract-prices").then().statusCode(403);
        as(admin).post("/billing/v1/tenants/" + tenant + "/invoices/" + thisMonth + "/finalise").then()
                .statusCode(409);
        as(admin).body(price("devstral-2", "2026-11-01", "0.40", "2.00", null))
                .post("/billing/v1/price-books/" + book + "/prices").then().statusCode(404);
        as(admin).body(Map.of("id", book, "currency", "euro")).post("/billing/v1/price-books").then()
                .statusCode(400);
        given().contentType("application/json").body(Map.of("id", book, "currency", "EUR"))
                .post("/billing/v1/price-books").then().statusCode(401);

        // Then
        await().atMost(WAIT).during(STABLE).untilAsserted(() -> {
            assertThat(audit.by(auditorSubject))
                    .extracting(e -> e.action().getAction(), e -> e.action().getTargetId(),
                            e -> e.action().getHttpStatus())
                    .containsExactly(tuple("price-book.create", "", 403));
            assertThat(audit.by("tenant-admin-" + tenant))
                    .extracting(e -> e.action().getAction(), e -> e.action().getTenantId(),
                            e -> e.action().getHttpStatus(), e -> e.action().getActorRolesList())
                    .containsExactly(tuple("contract-price.set", tenant, 403, List.of("tenant-admin")));
            assertThat(audit.by(subject))
                    .extracting(e -> e.action().getAction(), e -> e.action().getTargetId(),
                            e -> e.action().getTenantId(), e -> e.action().getHttpStatus())
                    .containsExactlyInAnyOrder(
                            tuple("invoice.finalise", thisMonth.toString(), tenant, 409),
                            tuple("price.add", book, "", 404),
                            tuple("price-book.create", "", "", 400));
        });
        assertThat(audit.by(subject)).allSatisfy(entry -> assertThat(entry.action().getDetailsMap())
                .containsEntry("method", "POST"));
        as(admin).get("/billing/v1/price-books/" + book).then().statusCode(404);
        as(admin).get("/billing/v1/tenants/" + tenant + "/contract-prices").then().statusCode(200)
                .body("prices.size()", equalTo(0));
    }

    @Test
    void shouldNeverPublishAsDoneAChangeThatRolledBackAtCommit() throws Exception {
        // Given: the database refuses this book only when the transaction commits, after its event was written
        Sql.execute(dataSource, """
                CREATE FUNCTION refuse_book_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'refused at commit'; END $$""".formatted(suffix()));
        Sql.execute(dataSource, """
                CREATE CONSTRAINT TRIGGER refuse_book_%1$s AFTER INSERT ON price_book DEFERRABLE INITIALLY DEFERRED
                FOR EACH ROW WHEN (NEW.id = '%2$s') EXECUTE FUNCTION refuse_book_%1$s()""".formatted(suffix(), book));
        try {

            // When
            var response = as(admin).body(Map.of("id", book, "currency", "EUR")).post("/billing/v1/price-books")
                    .then();

            // Then
            response.statusCode(503);
            as(admin).get("/billing/v1/price-books/" + book).then().statusCode(404);
            await().atMost(WAIT).during(STABLE).untilAsserted(() -> assertThat(audit.by(subject))
                    .extracting(e -> e.action().getAction(), e -> e.action().getTargetId(),
                            e -> e.action().getHttpStatus())
                    .containsExactly(tuple("price-book.create", book, 503)));
        } finally {
            Sql.execute(dataSource, "DROP TRIGGER refuse_book_%s ON price_book".formatted(suffix()));
            Sql.execute(dataSource, "DROP FUNCTION refuse_book_%s()".formatted(suffix()));
        }
    }

    @Test
    void shouldNotCommitAChangeWhoseAuditEventCannotBeWritten() throws Exception {
        // Given: the outbox refuses every audit event naming this book
        Sql.execute(dataSource, """
                CREATE FUNCTION refuse_event_%1$s() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.channel = 'AUDIT' AND position(convert_to('%2$s', 'UTF8') IN NEW.payload) > 0 THEN
                        RAISE EXCEPTION 'audit event refused';
                    END IF;
                    RETURN NEW;
                END $$""".formatted(suffix(), book));
        Sql.execute(dataSource, ("CREATE TRIGGER refuse_event_%1$s BEFORE INSERT ON outbox FOR EACH ROW EXECUTE "
                + "FUNCTION refuse_event_%1$s()").formatted(suffix()));
        try {

            // When
            var response = as(admin).body(Map.of("id", book, "currency", "EUR")).post("/billing/v1/price-books")
                    .then();

            // Then
            response.statusCode(503);
            as(admin).get("/billing/v1/price-books/" + book).then().statusCode(404);
            await().during(STABLE).atMost(WAIT).untilAsserted(() -> assertThat(audit.by(subject)).isEmpty());
        } finally {
            Sql.execute(dataSource, "DROP TRIGGER refuse_event_%s ON outbox".formatted(suffix()));
            Sql.execute(dataSource, "DROP FUNCTION refuse_event_%s()".formatted(suffix()));
        }
    }

    /** A name suffix unique to this test's book. */
    private String suffix() {
        return book.replace('-', '_');
    }
}
