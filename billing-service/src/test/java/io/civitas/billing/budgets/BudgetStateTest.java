package io.civitas.billing.budgets;

import static io.civitas.billing.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import io.civitas.api.events.v1.BudgetStateChanged;
import io.civitas.api.events.v1.BudgetStateChanged.State;
import io.civitas.api.events.v1.EventEnvelope;
import io.civitas.api.events.v1.EventType;
import io.civitas.billing.support.Events;
import io.civitas.billing.support.TenantEvents;
import io.civitas.billing.support.Tokens;
import io.civitas.billing.usage.UsageEvents;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.KafkaTestClient;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BudgetStateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private Events events;
    private KafkaTestClient.TopicReader budgetStates;
    private String tenant;
    private int ledgered;

    @BeforeEach
    void open() {
        events = new Events();
        budgetStates = events.kafka().reader("civitas.budget-state.v1");
        tenant = "tenant-" + UUID.randomUUID();
    }

    @AfterEach
    void close() {
        budgetStates.close();
        events.close();
    }

    @Test
    void shouldPublishEachThresholdOnceAndLiftTheStateWhenTheBudgetIsRaised() throws Exception {
        // Given
        events.tenant(TenantEvents.changed(tenant, 1, "Agency", "CC-1", "", 1000, ""));
        consume(400, 100);
        consume(300, 50);
        awaitAlerts(1);
        consume(90, 10);
        consume(90, 10);
        awaitAlerts(2);

        // When
        events.tenant(TenantEvents.changed(tenant, 3, "Agency", "CC-1", "", 10_000, ""));
        events.tenant(TenantEvents.changed(tenant, 2, "Agency", "CC-1", "", 1000, ""));
        awaitAlerts(3);

        // Then
        await().atMost(WAIT).untilAsserted(() -> assertThat(published()).hasSize(3));
        assertThat(published()).extracting(BudgetStateChanged::getState, BudgetStateChanged::getThresholdPercent,
                BudgetStateChanged::getTokensUsed, BudgetStateChanged::getSequence).containsExactly(
                        tuple(State.WARNING, 80, 850L, 1L),
                        tuple(State.EXHAUSTED, 100, 1050L, 2L),
                        tuple(State.OK, 0, 1050L, 3L));
        assertThat(published()).allSatisfy(state -> {
            assertThat(state.getMonth()).isEqualTo(YearMonth.now(ZoneOffset.UTC).toString());
            assertThat(state.getTenantId()).isEqualTo(tenant);
        });
        as(Tokens.tenantAdmin(tenant)).get("/billing/v1/tenants/" + tenant + "/alerts").then().statusCode(200)
                .body("state", contains("WARNING", "EXHAUSTED", "OK"))
                .body("tokenBudget", contains(1000, 1000, 10_000));
        as(Tokens.tenantAdmin("other")).get("/billing/v1/tenants/" + tenant + "/alerts").then().statusCode(403);
    }

    private void consume(int prompt, int completion) throws Exception {
        events.usage(UsageEvents.usage(tenant, "devstral-2", "key-a", Instant.now(), prompt, completion, 0));
        ledgered++;
        String today = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        await().atMost(WAIT).untilAsserted(() -> as(Tokens.platformAdmin())
                .get("/billing/v1/tenants/" + tenant + "/usage?from=" + today + "&to=" + today).then()
                .body("rows.requests", contains(ledgered)));
    }

    private void awaitAlerts(int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(as(Tokens.platformAdmin())
                .get("/billing/v1/tenants/" + tenant + "/alerts").then().extract().jsonPath().getList("sequence"))
                .hasSize(count));
    }

    private List<BudgetStateChanged> published() {
        return budgetStates.poll().stream()
                .filter(record -> tenant.equals(record.key()))
                .map(ConsumerRecord::value)
                .map(BudgetStateTest::parse)
                .toList();
    }

    private static BudgetStateChanged parse(byte[] value) {
        try {
            EventEnvelope envelope = EventEnvelope.parseFrom(value);
            assertThat(envelope.getType()).isEqualTo(EventType.EVENT_TYPE_BUDGET_STATE_CHANGED);
            return envelope.getBudgetStateChanged();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an EventEnvelope", e);
        }
    }
}
