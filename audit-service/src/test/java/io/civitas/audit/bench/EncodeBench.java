package io.civitas.audit.bench;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.civitas.audit.AuditEvents;
import io.civitas.audit.chain.AuditEvent;
import io.civitas.audit.consumer.AuditEventParser;
import io.civitas.audit.merkle.EntryEncoder;
import io.civitas.audit.verifier.merkle.MerkleHash;

/** CPU cost of turning a record into its canonical entry and leaf, without I/O. Runs only with -Pbench. */
class EncodeBench {

    @Test
    void printEncodingThroughput() {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            values.add(AuditEvents.requestServed("tenant-" + i % 5).toByteArray());
        }
        for (int run = 0; run < 4; run++) {
            long start = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < values.size(); i++) {
                AuditEvent event = AuditEventParser.parse(values.get(i));
                byte[] entry = EntryEncoder.encode(i + 1, event);
                MerkleHash.leaf(entry);
                bytes += entry.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH encode: %.0f entries/s, %d bytes per entry%n", values.size() / seconds,
                    bytes / values.size());
        }
    }
}
