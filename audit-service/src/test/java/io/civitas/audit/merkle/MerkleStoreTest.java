package io.civitas.audit.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.civitas.audit.AuditEvents;
import io.civitas.audit.AuditTable;
import io.civitas.audit.chain.AuditChain;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.checkpoint.Checkpointer;
import io.civitas.audit.checkpoint.SigningKeys;
import io.civitas.audit.consumer.AuditEventParser;
import io.civitas.audit.verifier.checkpoint.Hex;
import io.civitas.audit.verifier.checkpoint.SignedCheckpoint;
import io.civitas.audit.verifier.merkle.CompactRange;
import io.civitas.audit.verifier.merkle.ConsistencyProofs;
import io.civitas.testsupport.KafkaResource;
import io.civitas.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
class MerkleStoreTest {

    @Inject
    DataSource dataSource;

    @Inject
    AuditChain chain;

    @Inject
    Checkpointer checkpointer;

    @Inject
    SigningKeys keys;

    @Test
    void shouldStoreATreeWhoseSignedRootsAndConsistencyProofsMatchTheLeaves() throws Exception {
        // Given
        chain.appendAll(events(300));
        SignedCheckpoint first = checkpointer.checkpoint();
        chain.appendAll(events(450));

        // When
        SignedCheckpoint second = checkpointer.checkpoint();

        // Then
        List<byte[]> leaves = new AuditTable(dataSource).leafHashes();
        assertThat((long) leaves.size()).isEqualTo(second.checkpoint().treeSize());
        CompactRange expected = new CompactRange();
        leaves.forEach(expected::appendLeaf);
        assertThat(second.checkpoint().rootHash()).isEqualTo(Hex.of(expected.root()));
        assertThat(second.checkpoint().prevHash()).isEqualTo(first.checkpoint().hash());
        assertThat(first.verify(keys.publicKey())).isTrue();
        assertThat(second.verify(keys.publicKey())).isTrue();
        try (Connection connection = dataSource.getConnection()) {
            StoredTree stored = new StoredTree(connection);
            long m = first.checkpoint().treeSize();
            long n = second.checkpoint().treeSize();
            assertThat(ConsistencyProofs.verify(m, n, Hex.parse(first.checkpoint().rootHash()),
                    Hex.parse(second.checkpoint().rootHash()), ConsistencyProofs.prove(m, n, stored))).isTrue();
            assertThat(stored.subtree(256, 8)).isEqualTo(rangeOf(leaves.subList(256, 512)));
        }
    }

    @Test
    void shouldRefuseToChangeLeavesNodesAndCheckpoints() throws Exception {
        // Given
        chain.appendAll(events(260));
        checkpointer.checkpoint();
        AuditTable table = new AuditTable(dataSource);

        // When
        List<Throwable> refusals = new ArrayList<>();
        for (String change : List.of("UPDATE merkle_leaf SET leaf_hash = sha256(leaf_hash) WHERE seq = 1",
                "UPDATE merkle_leaf SET entry = NULL WHERE seq = 1", "DELETE FROM merkle_leaf WHERE seq = 1",
                "UPDATE merkle_node SET hash = sha256(hash)", "DELETE FROM merkle_node",
                "DELETE FROM audit_checkpoint", "UPDATE audit_checkpoint SET signature = 'x'",
                "TRUNCATE merkle_leaf", "TRUNCATE merkle_node", "TRUNCATE audit_checkpoint")) {
            refusals.add(catchThrowable(() -> table.execute(change)));
        }

        // Then
        assertThat(refusals).allSatisfy(refused -> assertThat(refused).isInstanceOf(SQLException.class)
                .hasMessageContaining("is append-only"));
    }

    private static byte[] rangeOf(List<byte[]> leaves) {
        CompactRange range = new CompactRange();
        leaves.forEach(range::appendLeaf);
        return range.root();
    }

    private static List<AuditEvent> events(int count) {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(AuditEventParser.parse(AuditEvents.requestServed("tenant-m" + i % 4).toByteArray()));
        }
        return events;
    }
}
