package io.civitas.billing.invoices;

import static io.civitas.billing.support.Api.addPrice;
import static io.civitas.billing.support.Api.as;
import static io.civitas.billing.support.Api.newBook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.billing.support.Events;
import io.civitas.billing.support.IngestionGate;
import io.civitas.billing.support.Sql;
import io.civitas.billing.support.TenantEvents;
import io.civitas.billing.support.Tokens;
import io.civitas.billing.usage.MonthLocks;
import io.civitas.billing.usage.UsageEvents;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;

/**
 * Usage ledgered after its month's invoice was finalised is billed once, on the invoice of the month it was ledgered
 * in, in lines carried from the month of use; finalisation and ingestion of a month serialise.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class LateUsageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Last month's own usage: 1,234,567 input and 89,012 output tokens of Devstral 2 at 0.40 / 2.00. */
    private static final String LAST_MONTH_TOTAL = "0.6718508";
    private static final long TOKEN_BUDGET = 2_000_000;

    @Inject
    DataSource dataSource;

    @Inject
    InvoiceService invoices;

    @Inject
    IngestionGate gate;

    private Events events;
    private String tenant;
    private String book;
    private YearMonth thisMonth;
    private YearMonth lastMonth;
    private YearMonth twoMonthsAgo;

    @BeforeEach
    void tenantWithLastMonthsUsage() throws Exception {
        events = new Events();
        tenant = "tenant-" + UUID.randomUUID();
        thisMonth = YearMonth.now(ZoneOffset.UTC);
        lastMonth = thisMonth.minusMonths(1);
        twoMonthsAgo = thisMonth.minusMonths(2);
        book = newBook("USD");
        addPrice(book, "devstral-2", twoMonthsAgo.atDay(1).toString(), "0.30", "1.50", null);
        addPrice(book, "devstral-2", lastMonth.atDay(1).toString(), "0.40", "2.00", null);
        addPrice(book, "devstral-2", thisMonth.atDay(1).toString(), "0.50", "2.50", null);
        events.tenant(TenantEvents.changed(tenant, 1, "Ministry of Finance", "CC-4711", book, TOKEN_BUDGET, ""));
        events.usage(usage(lastMonth.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC), 1_234_567, 89_012));
        await().atMost(WAIT).untilAsserted(() -> assertThat(invoice(lastMonth).getString("total"))
                .isEqualTo(LAST_MONTH_TOTAL));
        await().atMost(WAIT).untilAsserted(() -> assertThat(invoice(lastMonth).getString("tenantName"))
                .isEqualTo("Ministry of Finance"));
    }

    @AfterEach
    void close() {
        gate.open();
        events.close();
    }

    @Test
    void shouldCarryLateUsageOntoThisMonthsInvoiceOnceAtThePriceOfItsDayOfUse() throws Exception {
        // Given
        as(Tokens.platformAdmin()).post(path(lastMonth) + "/finalise").then().statusCode(200);
        EventEnvelope late = usage(lastMonth.atDay(20).atStartOfDay().toInstant(ZoneOffset.UTC), 1_500_000, 500_000);
        EventEnvelope thisMonthsUsage = usage(Instant.now().truncatedTo(ChronoUnit.SECONDS), 1_000, 0);

        // When
        events.usage(late);
        awaitLedgered(late);
        events.usage(late, thisMonthsUsage);

        // Then
        awaitLedgered(thisMonthsUsage);
        JsonPath stored = invoice(lastMonth);
        assertThat(stored.getString("status")).isEqualTo("FINAL");
        assertThat(stored.getString("total")).isEqualTo(LAST_MONTH_TOTAL);
        assertThat(stored.getList("lines.carriedFrom")).containsExactly(null, null);
        JsonPath draft = invoice(thisMonth);
        assertThat(draft.getString("status")).isEqualTo("DRAFT");
        assertThat(lines(draft)).containsExactly(
                line("INPUT", 1_000, "0.50", "0.0005", thisMonth.atDay(1).toString(), null),
                line("INPUT", 1_500_000, "0.40", "0.6", lastMonth.atDay(1).toString(), lastMonth.toString()),
                line("OUTPUT", 500_000, "2.00", "1", lastMonth.atDay(1).toString(), lastMonth.toString()));
        assertThat(draft.getString("total")).isEqualTo("1.6005");
        assertThat(Sql.scalar(dataSource, "SELECT sum(requests) FROM usage_carried WHERE tenant_id = ?", tenant))
                .isEqualTo(BigDecimal.ONE);
        String csv = as(Tokens.auditor()).get(path(thisMonth) + "?format=csv").then().statusCode(200).extract()
                .asString();
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",price_source,carried_from");
        assertThat(csv.lines()).contains(tenant + ",Ministry of Finance,CC-4711," + thisMonth + ",DRAFT,USD,"
                + "devstral-2,OUTPUT,500000,2.00,1," + lastMonth.atDay(1) + ",book:" + book + "," + lastMonth);
        assertThat(csv.lines()).contains(tenant + ",Ministry of Finance,CC-4711," + thisMonth + ",DRAFT,USD,"
                + "devstral-2,INPUT,1000,0.50,0.0005," + thisMonth.atDay(1) + ",book:" + book + ",");
        as(Tokens.auditor()).get("/billing/v1/tenants/" + tenant + "/usage?from=" + lastMonth.atDay(1) + "&to="
                + lastMonth.atEndOfMonth() + "&by=model").then().statusCode(200)
                .body("rows.inputTokens", contains(2_734_567));
        as(Tokens.auditor()).get("/billing/v1/tenants/" + tenant + "/alerts").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void shouldBillUsageOfAnOpenPastMonthOnThatMonthsDraft() throws Exception {
        // Given
        EventEnvelope pastButOpen = usage(lastMonth.atDay(20).atStartOfDay().toInstant(ZoneOffset.UTC), 1_000_000,
                0);

        // When
        events.usage(pastButOpen);

        // Then
        awaitLedgered(pastButOpen);
        JsonPath draft = invoice(lastMonth);
        assertThat(lines(draft)).containsExactly(
                line("INPUT", 2_234_567, "0.40", "0.8938268", lastMonth.atDay(1).toString(), null),
                line("OUTPUT", 89_012, "2.00", "0.178024", lastMonth.atDay(1).toString(), null));
        assertThat(invoice(thisMonth).getList("lines")).isEmpty();
        assertThat(Sql.scalar(dataSource, "SELECT count(*) FROM usage_carried WHERE tenant_id = ?", tenant))
                .isEqualTo(0L);
    }

    @Test
    void shouldStoreCarriedLinesWhenTheMonthCarryingThemIsFinalised() throws Exception {
        // Given: usage of two months ago that was ledgered last month, after that month's invoice was final
        Sql.execute(dataSource, "INSERT INTO usage_carried VALUES (?, ?, ?, 'devstral-2', 1, 1000000, 0, 200000)",
                tenant, lastMonth.toString(), twoMonthsAgo.atDay(15));

        // When
        var finalised = as(Tokens.platformAdmin()).post(path(lastMonth) + "/finalise").then().statusCode(200)
                .extract().jsonPath();

        // Then
        JsonPath stored = invoice(lastMonth);
        List<Map<String, Object>> expected = List.of(
                line("INPUT", 1_234_567, "0.40", "0.4938268", lastMonth.atDay(1).toString(), null),
                line("OUTPUT", 89_012, "2.00", "0.178024", lastMonth.atDay(1).toString(), null),
                line("INPUT", 1_000_000, "0.30", "0.3", twoMonthsAgo.atDay(1).toString(), twoMonthsAgo.toString()),
                line("OUTPUT", 200_000, "1.50", "0.3", twoMonthsAgo.atDay(1).toString(), twoMonthsAgo.toString()));
        assertThat(lines(finalised)).isEqualTo(expected);
        assertThat(stored.getString("status")).isEqualTo("FINAL");
        assertThat(lines(stored)).isEqualTo(expected);
        assertThat(stored.getString("total")).isEqualTo("1.2718508");
        assertThat(Sql.scalar(dataSource, "SELECT count(*) FROM invoice_line WHERE tenant_id = ? AND carried_from = ?",
                tenant, twoMonthsAgo.toString())).isEqualTo(2L);
        assertThatThrownBy(() -> Sql.execute(dataSource, "UPDATE invoice_line SET carried_from = NULL"
                + " WHERE tenant_id = ?", tenant)).isInstanceOf(SQLException.class).hasMessageContaining("immutable");
    }

    @Test
    void shouldCarryUsageWhoseIngestionWaitedForTheFinalisingTransaction() throws Exception {
        // Given: an event of last month sent while its finalisation holds the month open
        EventEnvelope racing = usage(lastMonth.atDay(25).atStartOfDay().toInstant(ZoneOffset.UTC), 1_000_000, 0);

        // When
        Invoice stored = invoices.finalise(tenant, lastMonth, (c, invoice) -> {
            send(racing);
            await().atMost(WAIT).until(() -> waitingForLockOf(lastMonth) || ledgered(racing));
            assertThat(ledgered(racing)).as("ledgered while the month was being finalised").isFalse();
        });

        // Then
        assertThat(stored.total()).isEqualByComparingTo(LAST_MONTH_TOTAL);
        awaitLedgered(racing);
        assertThat(invoice(lastMonth).getString("total")).isEqualTo(LAST_MONTH_TOTAL);
        assertThat(lines(invoice(thisMonth))).containsExactly(
                line("INPUT", 1_000_000, "0.40", "0.4", lastMonth.atDay(1).toString(), lastMonth.toString()));
    }

    @Test
    void shouldBillUsageInFlightOnTheInvoiceWhoseFinalisationWaitedForIt() throws Exception {
        // Given: the ingestion of an event of last month held open inside its transaction
        EventEnvelope racing = usage(lastMonth.atDay(25).atStartOfDay().toInstant(ZoneOffset.UTC), 1_000_000, 0);
        gate.arm(tenant);
        events.usage(racing);
        assertThat(gate.awaitHeld(WAIT)).isTrue();

        // When
        CompletableFuture<JsonPath> finalising = CompletableFuture.supplyAsync(() -> as(Tokens.platformAdmin())
                .post(path(lastMonth) + "/finalise").then().statusCode(200).extract().jsonPath());
        await().atMost(WAIT).until(() -> waitingForLockOf(lastMonth) || finalising.isDone());
        boolean finishedWhileHeld = finalising.isDone();
        gate.open();

        // Then
        assertThat(finishedWhileHeld).as("finalised while the month's usage was being ingested").isFalse();
        JsonPath finalised = finalising.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(finalised.getString("total")).isEqualTo("1.0718508");
        assertThat(lines(finalised)).first().isEqualTo(
                line("INPUT", 2_234_567, "0.40", "0.8938268", lastMonth.atDay(1).toString(), null));
        assertThat(ledgered(racing)).isTrue();
        assertThat(invoice(thisMonth).getList("lines")).isEmpty();
    }

    private EventEnvelope usage(Instant at, int input, int output) {
        return UsageEvents.usage(tenant, "devstral-2", "key-a", at, input, output, 0);
    }

    private void send(EventEnvelope event) {
        try {
            events.usage(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean ledgered(EventEnvelope event) throws SQLException {
        return Sql.scalar(dataSource, "SELECT 1 FROM usage_ledger WHERE event_id = ?", event.getEventId()) != null;
    }

    private void awaitLedgered(EventEnvelope event) {
        await().atMost(WAIT).until(() -> ledgered(event));
    }

    /** True while a transaction waits for the lock of {@code month}. */
    private boolean waitingForLockOf(YearMonth month) throws SQLException {
        return Sql.scalar(dataSource, """
                SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 2
                   AND classid = hashtext('billing-month')::oid AND objid = ?::oid""", MonthLocks.key(month)) != null;
    }

    private static Map<String, Object> line(String tokenClass, long tokens, String unitPrice, String amount,
            String priceValidFrom, String carriedFrom) {
        Map<String, Object> line = new HashMap<>();
        line.put("model", "devstral-2");
        line.put("tokenClass", tokenClass);
        line.put("tokens", tokens);
        line.put("unitPricePerMillion", unitPrice);
        line.put("amount", amount);
        line.put("priceValidFrom", priceValidFrom);
        line.put("carriedFrom", carriedFrom);
        return line;
    }

    /** The invoice's lines as comparable maps (tokens as long, the price source left out). */
    private static List<Map<String, Object>> lines(JsonPath invoice) {
        List<Map<String, Object>> lines = invoice.getList("lines");
        return lines.stream().map(l -> line((String) l.get("tokenClass"), ((Number) l.get("tokens")).longValue(),
                (String) l.get("unitPricePerMillion"), (String) l.get("amount"), (String) l.get("priceValidFrom"),
                (String) l.get("carriedFrom"))).toList();
    }

    private String path(YearMonth month) {
        return "/billing/v1/tenants/" + tenant + "/invoices/" + month;
    }

    private JsonPath invoice(YearMonth month) {
        return as(Tokens.platformAdmin()).get(path(month)).then().statusCode(200).extract().jsonPath();
    }
}
