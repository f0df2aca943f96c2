package io.civitas.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class AuditEntryTableTest {

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    private AuditTable table;
    private long seq;

    @BeforeEach
    void appendEntry() {
        table = new AuditTable(dataSource);
        seq = chain.append(ChainFixtures.event(AuditEvents.requestServed("tenant-t"))).orElseThrow();
    }

    @Test
    void shouldRefuseUpdate() {
        // Given
        String update = "UPDATE audit_entry SET tenant_id = 'someone-else' WHERE seq = ?";

        // When
        Throwable refused = catchThrowable(() -> table.execute(update, seq));

        // Then
        assertThat(refused)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_entry is append-only: UPDATE refused");
    }

    @Test
    void shouldRefuseDelete() {
        // Given
        String delete = "DELETE FROM audit_entry WHERE seq = ?";

        // When
        Throwable refused = catchThrowable(() -> table.execute(delete, seq));

        // Then
        assertThat(refused)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_entry is append-only: DELETE refused");
    }

    @Test
    void shouldRefuseTruncate() {
        // Given
        String truncate = "TRUNCATE audit_entry";

        // When
        Throwable refused = catchThrowable(() -> table.execute(truncate));

        // Then
        assertThat(refused)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_entry is append-only: TRUNCATE refused");
    }

    @Test
    void shouldRefuseAnInsertThatDoesNotExtendTheChain() {
        // Given
        String insert = """
                INSERT INTO audit_entry (seq, event_id, tenant_id, request_id, event_type, occurred_at, payload,
                                         prev_hash, hash)
                SELECT seq + 1, 'forged', tenant_id, request_id, event_type, occurred_at, payload, hash, hash
                FROM audit_entry ORDER BY seq DESC LIMIT 1
                """;

        // When
        Throwable refused = catchThrowable(() -> table.execute(insert));

        // Then
        assertThat(refused)
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("hash is not SHA-256(prev_hash || payload)");
    }
}
